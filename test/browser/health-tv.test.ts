// 母子健康情報 on TV, end to end against the running system: the municipality (美波町) sends a boy's records as a
// FHIR bundle, the parent applies with a document signed on the card and the municipality approves it, the
// reminder job sends 予防接種のおしらせ. On the TV (e2e build, headless Chromium, the real bridge, the virtual
// card through pcscd + vpcd) the parent logs in with the card, opens the child's growth chart (said in words:
// the same band the backend computed, never a judgement), the 2010 curves with the blue button, height,
// immunisations (next due first) and checkups, sees the unread mark on お知らせ and reads the vaccination
// notice. Every screen is spoken, at 48 px or more and 7:1, and shot; the screenshots are kept.
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childBundle, type HealthRig, startHealthRig } from './support/health-rig.ts';
import { screenShots } from './support/screen-shots.ts';
import {
  poll,
  press,
  spokenCount as spokenCountOf,
  spokenSince as spokenSinceOn,
  stageText,
  tvState,
  visible,
  waitForTv,
} from './support/tv-page.ts';

const screenshotDir = join(process.env.TV_SCREENSHOT_DIR ?? tmpdir(), 'myna-tv-health');
const child = childBundle({ id: 'minami-child-0001', name: '美波 はると', ageDays: 130 });
const childName = '美波 はると';

let rig: HealthRig;
let page: Page;
let reminders = 0;

const { check: checkScreen, shoot } = screenShots(screenshotDir, () => page);
const spokenCount = () => spokenCountOf(page);
const spokenSince = (mark: number) => spokenSinceOn(page, mark);

beforeAll(async () => {
  await mkdir(screenshotDir, { recursive: true });
  console.log(`health-tv screenshots: ${screenshotDir}`);
  rig = await startHealthRig('health-tv');
  const sent = await rig.municipalityCall('POST', '/health/bundles', child.bundle);
  expect(sent.status, await sent.clone().text()).toBe(201);
  const { applicationId } = await rig.apply([{ name: childName, birthDate: child.birthDate }]);
  const decided = await rig.municipalityCall('POST', `/health/link-applications/${applicationId}/decision`, {
    decision: 'approve',
    children: [child.identifier],
  });
  expect(decided.status, await decided.clone().text()).toBe(200);
  reminders = (await rig.sendReminders()).notices;
  expect(reminders).toBeGreaterThan(0);
}, 300_000);

afterAll(async () => {
  await rig?.close();
});

describe('母子健康情報 on TV', { timeout: 240_000 }, () => {
  it('logs the parent in with the card and shows the growth chart, immunisations and checkups', async () => {
    page = await rig.browser.context.newPage();
    await page.goto(rig.appUrl());
    await waitForTv(page, { route: '/', screen: 'くらしの窓口' });
    // The entry is open now, not 準備中.
    expect((await stageText(page)).replace(/\u200b/g, '')).toContain('母子健康情報');

    await press(page, '2');
    await waitForTv(page, { route: '/card/found', screen: 'マイナンバーカードを確認しました' });
    await press(page, 'ok');
    await waitForTv(page, { route: '/pin', screen: '暗証番号を入力してください' });
    let mark = await spokenCount();
    await press(page, ...([...rig.holder.pin] as `${number}`[]), 'ok');

    // Signed in, the chosen task follows: the children linked by the municipality.
    await waitForTv(page, { route: '/children', screen: '母子健康情報' }, 30_000);
    await poll(async () => (await tvState(page)).focus).toMatch(
      /^1番 美波 はるとさん。令和\d+年.*生まれ　4か月$/,
    );
    await checkScreen('children', '母子健康情報', mark);

    // What the backend says of the latest weight, through the bridge (the TV's session).
    const { json: children } = await rig.bridgeCall('GET', '/children');
    const childId = (children as { children: { id: string }[] }).children[0]?.id as string;
    const { json: record } = await rig.bridgeCall('GET', `/children/${childId}`);
    const weights = (record as { measurements: { kind: string; position: string }[] }).measurements.filter(
      (m) => m.kind === 'weight',
    );
    const position = weights.at(-1)?.position as string;
    expect(position).toMatch(/^\d+〜\d+パーセンタイルの間$/);

    mark = await spokenCount();
    await press(page, 'ok');
    await waitForTv(page, { route: `/child/${childId}`, screen: `${childName}さんの体重` }, 30_000);
    await poll(() => spokenSince(mark)).toContain(`4か月　7.4kg　${position}`);
    const said = await spokenSince(mark);
    expect(said).toContain('帯は3から97パーセンタイルの範囲');
    expect(said).toContain('青ボタンで、2010年の調査の曲線に切りかえられます。');
    expect(said).not.toMatch(/異常|abnormal/i);
    await visible(page, `4か月　7.4kg　${position}`);
    await visible(page, '2023年調査の曲線　青ボタンで2010年調査に切りかえ');
    await checkScreen('growth-weight-2023', `${childName}さんの体重`, mark);

    // The 2010 survey (boys' weight to 12 months is what exists of it) with the blue button, and back.
    mark = await spokenCount();
    await press(page, 'blue');
    await poll(() => spokenSince(mark)).toContain('2010年調査の曲線に切りかえました。');
    await poll(() => spokenSince(mark)).toMatch(
      /4か月　7\.4kg　\d+〜\d+パーセンタイルの間|パーセンタイル(未満|以上)/,
    );
    await visible(page, '2010年調査の曲線　青ボタンで2023年調査に切りかえ');
    await checkScreen('growth-weight-2010', `${childName}さんの体重`, mark);
    mark = await spokenCount();
    await press(page, 'blue');
    await poll(() => spokenSince(mark)).toContain('2023年調査の曲線に切りかえました。');

    mark = await spokenCount();
    await press(page, 'right');
    await waitForTv(page, { screen: `${childName}さんの身長` });
    await poll(() => spokenSince(mark)).toMatch(
      /4か月　63\.9cm　(\d+〜\d+パーセンタイルの間|\d+パーセンタイル(未満|以上))/,
    );
    await checkScreen('growth-height', `${childName}さんの身長`, mark);

    mark = await spokenCount();
    await press(page, '4');
    await waitForTv(page, { screen: `${childName}さんの予防接種` });
    await poll(() => spokenSince(mark)).toMatch(/次の予防接種は、.+（.+）、令和\d+年\d+月\d+日からです。/);
    // Said in full: the doses due first, then those given; on screen, the rest after scrolling down.
    const immunisations = await spokenSince(mark);
    expect(immunisations.indexOf('■ 次の予定（早い順）')).toBeGreaterThan(-1);
    expect(immunisations.indexOf('■ 次の予定')).toBeLessThan(immunisations.indexOf('■ 受けた予防接種'));
    expect(immunisations).toContain('B型肝炎　1回目');
    await visible(page, '■ 次の予定（早い順）');
    await checkScreen('immunisations', `${childName}さんの予防接種`, mark);
    // Down turns a page.
    for (let page_ = 0; page_ < 5 && !(await stageText(page)).includes('■ 受けた予防接種'); page_++) {
      await press(page, 'down');
      await page.waitForTimeout(300);
    }
    await visible(page, '■ 受けた予防接種');
    await shoot('immunisations-given');

    mark = await spokenCount();
    await press(page, '3');
    await waitForTv(page, { screen: `${childName}さんの健診` });
    await visible(page, '4か月児健康診査');
    await checkScreen('checkups', `${childName}さんの健診`, mark);

    await press(page, 'ok');
    await waitForTv(page, { route: '/children', screen: '母子健康情報' });
  });

  it('marks お知らせ unread on Home and reads the vaccination notice', async () => {
    const listed = await rig.bridgeCall('GET', '/notices');
    expect(listed.status, JSON.stringify(listed.json)).toBe(200);
    let mark = await spokenCount();
    await press(page, 'home');
    await waitForTv(page, { route: '/', screen: 'くらしの窓口' });
    await poll(() => spokenSince(mark)).toContain(`まだ読んでいないお知らせが${reminders}件あります`);
    await checkScreen('home-unread', 'くらしの窓口', mark);
    await visible(page, `● 未読 ${reminders}件`);

    mark = await spokenCount();
    await press(page, '3');
    await waitForTv(page, { route: '/notices', screen: 'お知らせ' });
    await poll(async () => (await tvState(page)).focus).toMatch(/^1番 予防接種のおしらせ。未読/);
    await checkScreen('notices', 'お知らせ', mark);

    mark = await spokenCount();
    await press(page, 'ok');
    await waitForTv(page, { screen: '予防接種のおしらせ' });
    await poll(() => spokenSince(mark)).toContain(`${childName}さんの`);
    expect(await spokenSince(mark)).toContain('の接種時期です。');
    await checkScreen('vaccination-notice', '予防接種のおしらせ', mark);

    const { json } = await rig.bridgeCall('GET', '/notices');
    const notices = (json as { notices: { kind: string; readAt: string | null }[] }).notices;
    expect(notices.filter((n) => n.kind === 'vaccination-reminder' && n.readAt !== null)).toHaveLength(1);
  });
});
