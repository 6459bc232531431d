import { describe, expect, it } from 'vitest';
import { levelOfEvacuationName, levelOfJmaKind, parseLevel } from './alert-levels.ts';
import { checkGeocode, isLocalGovernmentCode, jmaAreaToLocalGovernment } from './area-codes.ts';

describe('area codes', () => {
  it('checks the 全国地方公共団体コード check digit on real codes', () => {
    for (const code of ['131016', '011002', '282103', '082201', '172022', '011100', '012271', '363871']) {
      expect(isLocalGovernmentCode(code), code).toBe(true);
    }
    expect(isLocalGovernmentCode('363872')).toBe(false);
    expect(isLocalGovernmentCode('92011')).toBe(false);
  });

  it('maps JMA 7-digit 市町村等 codes to 6-digit codes', () => {
    expect(jmaAreaToLocalGovernment('1420100')).toBe('142018');
    expect(jmaAreaToLocalGovernment('3638700')).toBe('363871');
  });

  it('validates known geocode systems and flags others', () => {
    expect(checkGeocode({ name: 'jisX0402', value: '363871' })).toBe('valid');
    expect(checkGeocode({ name: 'MACHIAZA_ID', value: '36387000100' })).toBe('invalid');
    expect(checkGeocode({ name: 'JMA_AREA', value: '3638700' })).toBe('valid');
    expect(checkGeocode({ name: 'SAME', value: '006037' })).toBe('unknown-system');
  });
});

describe('警戒レベル', () => {
  it('reads municipal names, current and pre-2021', () => {
    expect(levelOfEvacuationName('緊急安全確保')).toBe(5);
    expect(levelOfEvacuationName('避難指示')).toBe(4);
    expect(levelOfEvacuationName('避難指示（緊急）')).toBe(4);
    expect(levelOfEvacuationName('避難勧告')).toBe(4);
    expect(levelOfEvacuationName('高齢者等避難')).toBe(3);
    expect(levelOfEvacuationName('避難準備・高齢者等避難開始')).toBe(3);
    expect(levelOfEvacuationName('お知らせ')).toBeNull();
  });

  it('reads JMA kinds as their 相当 levels and leaves others without a level', () => {
    expect(levelOfJmaKind('大雨特別警報')).toBe(5);
    expect(levelOfJmaKind('高潮警報')).toBe(4);
    expect(levelOfJmaKind('大雨警報')).toBe(3);
    expect(levelOfJmaKind('洪水注意報')).toBe(2);
    expect(levelOfJmaKind('暴風警報')).toBeNull();
  });

  it('parses written levels', () => {
    expect(parseLevel('4')).toBe(4);
    expect(parseLevel('レベル２')).toBe(2);
    expect(parseLevel('警戒レベル5')).toBe(5);
    expect(parseLevel('6')).toBeNull();
  });
});
