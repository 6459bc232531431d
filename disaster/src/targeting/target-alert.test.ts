import { describe, expect, it } from 'vitest';
import { parseAlert } from '../alerts/index.ts';
import { noNeeds } from './household.ts';
import { createHouseholdIndex } from './household-index.ts';
import { targetAlert, targetAlertInSteps, targetingStep } from './target-alert.ts';
import {
  alert,
  area,
  household,
  info,
  registry,
  site,
  square,
  welfareShelter,
} from './targeting.test-support.ts';

const elderly = { ...noNeeds, elderly: true, hasSupporter: true };
const { index } = createHouseholdIndex([
  household('plain', 33.75, 134.55, { names: ['田中'], namesConsent: false }),
  household('elder', 33.76, 134.56, { needs: elderly, names: ['山田'], namesConsent: true }),
  household('helper-inside', 33.74, 134.54, { supports: ['elder'] }),
  household('helper-outside', 33.9, 134.7, { supports: ['elder'], language: 'en' }),
  household('care', 33.77, 134.57, { needs: { ...noNeeds, mobility: true, welfareShelter: true } }),
  household('english', 33.78, 134.58, { language: 'en', names: ['Smith'], namesConsent: true }),
]);
const shelters = registry([site('school', 33.75, 134.56), welfareShelter('home', 33.771, 134.57)]);
const polygon = square(33.7, 134.5, 33.8, 134.6);
const evacuate = (level: 3 | 4 | 5, over: Parameters<typeof alert>[1] = {}) =>
  alert([info([area({ polygons: [polygon] })], { level, event: '津波' })], over);
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;
const ids = (result: ReturnType<typeof targetAlert>) => result.deliveries.map((d) => d.householdId);

describe('targetAlert', () => {
  it('reaches people needing assistance and their supporters first at level 3', () => {
    const result = targetAlert(evacuate(3), { households: index, shelters });
    expect(result.outcome).toBe('composed');
    expect(ids(result)).toEqual(['elder', 'helper-inside', 'helper-outside', 'care', 'plain', 'english']);
    expect(result.deliveries.slice(0, 4).every((d) => d.payload.priority)).toBe(true);
    expect(result.reached).toBe(5);
    expect(result.hazards).toEqual(['tsunami']);
    const elder = result.deliveries[0]?.payload;
    expect(elder?.ja.title).toBe('【警戒レベル3】高齢者等避難');
    expect(elder?.ja.action).toBe(
      '山田さん、危険な場所から高齢者等は避難。避難に時間がかかる方は、今すぐ避難を始めてください。',
    );
    const plain = result.deliveries[4]?.payload;
    expect(plain?.ja.action).toBe(
      '危険な場所から高齢者等は避難。ほかの方は、いつでも避難できるよう準備してください。',
    );
  });

  it('tells a supporter outside the area whom to help, and one inside to help as well', () => {
    const result = targetAlert(evacuate(3), { households: index, shelters });
    const outside = result.deliveries.find((d) => d.householdId === 'helper-outside')?.payload;
    expect(outside).toMatchObject({ role: 'supporter', shelter: null, priority: true });
    expect(outside?.ja.action).toBe(
      'あなたが支援する方（山田さん）に高齢者等避難が出ています。避難を手伝ってください。',
    );
    expect(outside?.en?.action).toMatch(/household you support \(山田\)/);
    const inside = result.deliveries.find((d) => d.householdId === 'helper-inside')?.payload;
    expect(inside?.role).toBe('resident');
    expect(inside?.ja.action).toMatch(/支援する方の避難も手伝ってください。$/);
  });

  it('names the assigned place with distance and direction; a welfare shelter for those who need one', () => {
    const result = targetAlert(evacuate(4), { households: index, shelters });
    const plain = result.deliveries.find((d) => d.householdId === 'plain')?.payload;
    expect(plain?.ja.title).toBe('【警戒レベル4】避難指示');
    expect(plain?.ja.action).toBe('危険な場所から全員避難。今すぐ避難してください。');
    expect(plain?.shelter).toMatchObject({ id: 'school', direction: 'E', welfare: false });
    expect(plain?.ja.place).toBe('避難先：避難場所school（東へ約930m）');
    const care = result.deliveries.find((d) => d.householdId === 'care')?.payload;
    expect(care?.shelter).toMatchObject({ id: 'home', welfare: true });
  });

  it('uses names only where the household agreed, and adds English where asked', () => {
    const result = targetAlert(evacuate(5), { households: index, shelters });
    const plain = result.deliveries.find((d) => d.householdId === 'plain')?.payload;
    expect(JSON.stringify(plain)).not.toContain('田中');
    expect(plain?.en).toBeUndefined();
    const english = result.deliveries.find((d) => d.householdId === 'english')?.payload;
    expect(english?.ja.title).toBe('【警戒レベル5】緊急安全確保');
    expect(english?.ja.action).toMatch(/^Smithさん、命の危険 直ちに安全確保！外に出るのが危ないときは/);
    expect(english?.en?.title).toBe('[Level 5] Emergency safety measures');
    expect(english?.en?.place).toMatch(/^Go to: 避難場所school \(about [\d.]+ km south-west\)$/);
  });

  it('marks an exercise 訓練 and composes a Test for nobody', () => {
    const drill = targetAlert(evacuate(4, { status: 'Exercise' }), { households: index, shelters });
    expect(drill.deliveries).toHaveLength(6);
    expect(
      drill.deliveries.every(
        (d) => d.payload.status === 'Exercise' && d.payload.ja.title.startsWith('【訓練】'),
      ),
    ).toBe(true);
    expect(drill.deliveries.find((d) => d.payload.en)?.payload.en?.title).toMatch(/^\[DRILL\] /);
    for (const status of ['Test', 'Draft', 'System'] as const) {
      const result = targetAlert(evacuate(4, { status }), { households: index, shelters });
      expect(result).toMatchObject({ outcome: 'not-for-viewers', deliveries: [] });
    }
  });

  it('delivers no order for a Cancel, and nothing for an alert with no area', () => {
    expect(targetAlert(evacuate(4, { msgType: 'Cancel' }), { households: index, shelters }).outcome).toBe(
      'no-order',
    );
    const none = targetAlert(alert([info([])]), { households: index, shelters });
    expect(none).toMatchObject({ outcome: 'no-area', deliveries: [], reached: 0 });
    expect(none.notes.map((n) => n.code)).toEqual(['area.none']);
    expect(targetAlert(alert([]), { households: index, shelters }).outcome).toBe('no-area');
  });

  it('tells households in a lifted area that the order is lifted, with no place', () => {
    const lift = alert([info([area({ polygons: [polygon] })], { level: 4, issueOrLift: 'lift' })]);
    const result = targetAlert(lift, { households: index, shelters });
    expect(result.deliveries).toHaveLength(5);
    const plain = result.deliveries.find((d) => d.householdId === 'plain')?.payload;
    expect(plain).toMatchObject({ kind: 'lift', shelter: null, level: 4 });
    expect(plain?.ja).toEqual({
      title: '【解除】避難指示',
      action: '避難指示は解除されました。引き続き気をつけてください。',
      place: null,
    });
  });

  it('says when no place has room, and works without any shelter data', () => {
    const full = registry([site('tiny', 33.75, 134.56, { capacity: { people: 1, text: '1人' } })]);
    const result = targetAlert(evacuate(4), { households: index, shelters: full });
    expect(result.withoutShelter).toBe(4);
    expect(result.deliveries.at(-1)?.payload.ja.place).toMatch(/受け入れできる避難先が見つかりません/);
    expect(targetAlert(evacuate(4), { households: index, shelters: null }).withoutShelter).toBe(5);
  });

  it('keeps every payload near 1 KB, even with long names', () => {
    const { index: long } = createHouseholdIndex([
      household('x'.repeat(64), 33.75, 134.55, {
        language: 'en',
        names: Array.from({ length: 20 }, () => 'あ'.repeat(40)),
        namesConsent: true,
        needs: { ...noNeeds, elderly: true },
      }),
    ]);
    const longShelters = registry([site('s'.repeat(40), 33.75, 134.56, { name: '長'.repeat(200) })]);
    const payload = targetAlert(evacuate(3), { households: long, shelters: longShelters }).deliveries[0]
      ?.payload;
    // Worst case (3 names of 10 characters, a 30-character place, Japanese and English): about 1.3 KB.
    expect(bytes(payload)).toBeLessThanOrEqual(1400);
    const typical = targetAlert(evacuate(4), { households: index, shelters }).deliveries;
    expect(Math.max(...typical.map((d) => bytes(d.payload)))).toBeLessThanOrEqual(1024);
  });

  it('targets in steps of a thousand households with the same result', () => {
    const many = createHouseholdIndex(
      Array.from({ length: 2500 }, (_, i) =>
        household(`h${i}`, 33.71 + (i % 50) * 0.0015, 134.51 + Math.floor(i / 50) * 0.0015, {
          needs: i % 7 === 0 ? elderly : noNeeds,
        }),
      ),
    ).index;
    const options = { households: many, shelters };
    const kept: string[] = [];
    const steps = targetAlertInSteps(evacuate(4), options, ({ householdId, payload }) => {
      kept.push(householdId);
      return JSON.stringify(payload);
    });
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) {
      yields++;
      // Each delivery is handed over as it is composed, not at the end.
      expect(kept).toHaveLength(yields * targetingStep);
    }
    expect(yields).toBe(Math.floor(2500 / targetingStep));
    const inOneGo = targetAlert(evacuate(4), options);
    expect(step.value).toEqual({
      ...inOneGo,
      deliveries: inOneGo.deliveries.map(({ payload }) => JSON.stringify(payload)),
    });
    expect(kept).toEqual(inOneGo.deliveries.map((d) => d.householdId));
    expect(step.value.deliveries).toHaveLength(2500);
  });

  it('names the thread it is given in every payload', () => {
    const { deliveries } = targetAlert(evacuate(4), { households: index, shelters, thread: 'first-id' });
    expect(deliveries.length).toBeGreaterThan(0);
    for (const { payload } of deliveries) expect(payload.thread).toBe('first-id');
  });

  it('targets from a parsed CAP alert, ignoring the shapes the parser dropped', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>T-1</identifier><sender>bousai@town.minami.example.jp</sender>
  <sent>2026-11-24T10:00:00+09:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
  <info><language>ja-JP</language><category>Geo</category><event>避難指示</event>
    <urgency>Immediate</urgency><severity>Severe</severity><certainty>Likely</certainty>
    <area><areaDesc>swapped</areaDesc><polygon>134.5,33.7 134.5,33.8 134.6,33.8 134.6,33.7 134.5,33.7</polygon></area>
    <area><areaDesc>bow tie</areaDesc><polygon>33.7,134.5 33.8,134.6 33.8,134.5 33.7,134.6 33.7,134.5</polygon></area>
    <area><areaDesc>open</areaDesc><polygon>33.755,134.545 33.765,134.545 33.765,134.565 33.755,134.565</polygon></area>
    <area><areaDesc>other system</areaDesc><geocode><valueName>SAME</valueName><value>006113</value></geocode></area>
  </info>
</alert>`;
    const parsed = parseAlert(xml);
    expect(parsed.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining([
        'coordinates.swapped',
        'polygon.self-intersecting',
        'polygon.open',
        'geocode.unknown-system',
      ]),
    );
    const result = targetAlert(parsed, { households: index, shelters });
    // helper-inside lives outside the one usable (open) polygon: reached as elder's supporter.
    expect(ids(result)).toEqual(['elder', 'helper-inside', 'helper-outside']);
    expect(result.deliveries[0]?.payload.ja.title).toBe('【警戒レベル4】避難指示');
    expect(result.notes.map((n) => n.code)).toEqual(['geocode.unknown-system']);
  });
});
