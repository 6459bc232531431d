import { describe, expect, it } from 'vitest';
import { alertHazards } from './alert-hazards.ts';
import { info } from './targeting.test-support.ts';

describe('alertHazards', () => {
  it('maps the event and the L-Alert disaster name to the designated hazards', () => {
    expect(alertHazards([info([], { event: '津波警報' })])).toEqual(['tsunami']);
    expect(alertHazards([info([], { event: '土砂災害警戒情報' })])).toEqual(['landslide']);
    expect(alertHazards([info([], { event: '氾濫危険情報' })])).toEqual(['flood']);
    expect(alertHazards([info([], { event: '高潮警報' })])).toEqual(['storm-surge']);
    expect(alertHazards([info([], { event: '大雨警報' })])).toEqual(['flood', 'landslide']);
    expect(alertHazards([info([], { event: 'Volcanic eruption', language: 'en' })])).toEqual(['volcano']);
    expect(
      alertHazards([info([], { event: '避難指示', parameters: [{ name: 'DisasterName', value: '地震' }] })]),
    ).toEqual(['earthquake']);
  });

  it('falls back on the headline, then on the category Fire, else says it does not know', () => {
    expect(alertHazards([info([], { headline: '内水氾濫のおそれ' })])).toEqual(['flood', 'inland-flood']);
    expect(alertHazards([info([], { category: ['Fire'] })])).toEqual(['large-fire']);
    expect(alertHazards([info([])])).toBeNull();
    expect(alertHazards([])).toBeNull();
  });
});
