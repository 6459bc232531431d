// 利用申込み from the TV, end to end against the running system: the municipality (美波町) has sent a child's
// records; the parent, with no child linked yet, opens 母子健康情報 on TV (e2e build, headless Chromium, the real
// bridge, the virtual card through pcscd + vpcd), is told what the application is, types the child's birth date
// with the digit buttons (a date in the future is refused and said why), confirms, and signs with the signature
// password: a wrong one says the tries left and is not tried again, a card pulled while signing sends nothing
// and OK goes back to the same application, which then goes through once with its 受付番号 and 審査中. A repeat
// of the same application through the bridge answers it unchanged. The municipality approves it through the API,
// and the parent then sees the child in the list and the application as 承認. Every screen is spoken, at 48 px
// or more and 7:1, and shot.
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ja } from '../../tv-app/src/texts/ja.ts';
import { warekiDate } from '../../tv-app/src/texts/japanese-dates.ts';
import { childBundle, type HealthRig, startHealthRig } from './support/health-rig.ts';
import { screenShots } from './support/screen-shots.ts';
import {
  poll,
  press,
  spokenCount as spokenCountOf,
  spokenSince as spokenSinceOn,
  tvState,
  typePassword,
  visible,
  waitForTv,
} from './support/tv-page.ts';

const screenshotDir = join(process.env.TV_SCREENSHOT_DIR ?? tmpdir(), 'myna-tv-health-application');
const child = childBundle({ id: 'minami-child-0101', name: '美波 そら', ageDays: 130 });

let rig: HealthRig;
let page: Page;

const { check: checkScreen } = screenShots(screenshotDir, () => page);
const spokenCount = () => spokenCountOf(page);
const spokenSince = (mark: number) => spokenSinceOn(page, mark);
/** The digits of a YYYY-MM-DD date as typed on the remote. */
const digitsOf = (date: string) => [...date.replaceAll('-', '')] as `${number}`[];

interface Listed {
  applicationId: string;
  receiptNumber: string;
  state: string;
  children: { birthDate: string }[];
}

beforeAll(async () => {
  await mkdir(screenshotDir, { recursive: true });
  console.log(`health-application screenshots: ${screenshotDir}`);
  rig = await startHealthRig('health-application');
  const sent = await rig.municipalityCall('POST', '/health/bundles', child.bundle);
  expect(sent.status, await sent.clone().text()).toBe(201);
}, 300_000);

afterAll(async () => {
  await rig?.close();
});

describe('利用申込み on TV', { timeout: 300_000 }, () => {
  it('applies with the birth date and the signature password, through a wrong password and a pulled card', async () => {
    page = await rig.browser.context.newPage();
    await page.goto(rig.appUrl());
    await waitForTv(page, { route: '/', screen: 'くらしの窓口' });
    await press(page, '2');
    await waitForTv(page, { route: '/card/found', screen: 'マイナンバーカードを確認しました' });
    await press(page, 'ok');
    await waitForTv(page, { route: '/pin', screen: '暗証番号を入力してください' });
    let mark = await spokenCount();
    await press(page, ...digitsOf(rig.holder.pin), 'ok');

    // No child linked yet: the application, explained.
    await waitForTv(page, { route: '/health/apply', screen: ja.apply.title }, 30_000);
    await poll(() => spokenSince(mark)).toContain(ja.apply.how);
    await checkScreen('intro', ja.apply.title, mark);

    mark = await spokenCount();
    await press(page, 'ok');
    await waitForTv(page, { route: '/health/apply/birth', screen: ja.apply.birthTitle(1) });
    await checkScreen('birth-date', ja.apply.birthTitle(1), mark);

    // A date in the future: said why, and cleared.
    mark = await spokenCount();
    await press(page, ...digitsOf(`${Number(child.birthDate.slice(0, 4)) + 2}-01-01`), 'ok');
    await poll(() => spokenSince(mark)).toContain(ja.apply.birthProblems.future);
    await visible(page, ja.apply.birthProblems.future);
    await visible(page, '____年 __月 __日');

    mark = await spokenCount();
    await press(page, ...digitsOf(child.birthDate));
    await poll(() => spokenSince(mark)).toContain('決定ボタンで次へ進みます');
    await press(page, 'ok');
    const children = ja.apply.children(ja.apply.bornOn(warekiDate(child.birthDate)));
    await waitForTv(page, {
      route: '/health/apply/confirm',
      screen: ja.apply.confirmTitle,
      focus: `1番 ${ja.apply.send}。${children}`,
    });
    await checkScreen('confirm', ja.apply.confirmTitle, mark);

    // The card pulled while signing (put back, before the password screen, so that the reader loses it right after
    // the VERIFY): nothing sent; OK goes back to the same application.
    await rig.insertPulledAfterVerify();
    mark = await spokenCount();
    await press(page, 'ok');
    await waitForTv(page, { route: '/health/apply/password', screen: '署名用パスワードを入力してください' });
    await poll(() => spokenSince(mark)).toContain(ja.card.triesLeft(5));
    await checkScreen('password', '署名用パスワードを入力してください', mark);
    mark = await spokenCount();
    await typePassword(page, rig.holder.password);
    const pulled = ja.apply.problems['card-removed'];
    await waitForTv(page, { route: '/health/apply/problem/card-removed', screen: pulled.title }, 60_000);
    await poll(() => spokenSince(mark)).toContain(pulled.body);
    await checkScreen('card-removed', pulled.title, mark);
    const none = async () =>
      ((await rig.bridgeCall('GET', '/health-applications')).json as { applications: [] }).applications;
    expect(await none()).toEqual([]);
    await rig.reinsertCard();
    await press(page, 'ok');
    await waitForTv(page, { route: '/health/apply/confirm', focus: `1番 ${ja.apply.send}。${children}` });

    // A wrong password: the tries left, said and shown, and the password screen again; not tried again.
    mark = await spokenCount();
    await press(page, 'ok');
    await waitForTv(page, { route: '/health/apply/password' });
    await poll(() => spokenSince(mark)).toContain(ja.card.triesLeft(5));
    mark = await spokenCount();
    await typePassword(page, 'WRONG9');
    await poll(() => spokenSince(mark)).toContain(ja.card.triesLeft(4));
    expect(await spokenSince(mark)).toContain(ja.wrongPassword);
    expect((await tvState(page)).route).toBe('/health/apply/password');
    await visible(page, ja.wrongPassword);
    expect(await none()).toEqual([]);

    mark = await spokenCount();
    await typePassword(page, rig.holder.password);

    await waitForTv(page, { route: '/health/apply/receipt', screen: ja.apply.receiptTitle }, 60_000);
    const { json } = await rig.bridgeCall('GET', '/health-applications');
    const [application] = (json as { applications: Listed[] }).applications;
    expect(application).toMatchObject({ state: 'pending', children: [{ birthDate: child.birthDate }] });
    const receipt = application?.receiptNumber as string;
    await poll(() => spokenSince(mark)).toContain(ja.apply.receiptLine(receipt));
    expect(await spokenSince(mark)).toContain(ja.apply.stateLine('審査中'));
    await visible(page, ja.apply.receiptLine(receipt));
    await checkScreen('receipt', ja.apply.receiptTitle, mark);
  });

  it('answers a repeat of the same application unchanged, with nothing signed again', async () => {
    const { json } = await rig.bridgeCall('GET', '/health-applications');
    const [application] = (json as { applications: Listed[] }).applications as Listed[];
    const repeat = await rig.bridgeCall('POST', '/health-applications', {
      applicationId: application?.applicationId,
      children: [{ birthDate: child.birthDate }],
      password: rig.holder.password,
    });
    expect(repeat.status).toBe(200);
    expect(repeat.json).toMatchObject({ receiptNumber: application?.receiptNumber, state: 'pending' });
    const listed = await (await rig.municipalityCall('GET', '/health/link-applications')).json();
    expect((listed as { applications: Listed[] }).applications).toHaveLength(1);
    expect(rig.bridgeLogs.join('')).not.toContain(rig.holder.password);
    expect(rig.bridgeLogs.join('')).not.toContain('WRONG9');
  });

  it('shows the child once the municipality approved, and the application as 承認', async () => {
    const listed = (await (await rig.municipalityCall('GET', '/health/link-applications')).json()) as {
      applications: Listed[];
    };
    const [application] = listed.applications;
    const decided = await rig.municipalityCall(
      'POST',
      `/health/link-applications/${application?.applicationId}/decision`,
      { decision: 'approve', children: [child.identifier] },
    );
    expect(decided.status, await decided.clone().text()).toBe(200);

    await press(page, 'ok');
    await waitForTv(page, { route: '/', screen: 'くらしの窓口' });
    let mark = await spokenCount();
    await press(page, '2');
    await waitForTv(page, { route: '/children', screen: '母子健康情報' }, 30_000);
    await poll(async () => (await tvState(page)).focus).toMatch(
      /^1番 美波 そらさん。令和\d+年.*生まれ　4か月$/,
    );
    await checkScreen('children', '母子健康情報', mark);

    mark = await spokenCount();
    await press(page, 'blue');
    await waitForTv(page, { route: '/health/apply', screen: ja.apply.title });
    const line = ja.apply.applied(application?.receiptNumber as string, '承認', 1);
    await poll(() => spokenSince(mark)).toContain(line);
    await checkScreen('intro-approved', ja.apply.title, mark);
  });
});
