// The 現況届 on TV when things go wrong, driven with the remote's keys against the running system (the rig:
// backend node behind a relay that can cut it off, the real bridge, the virtual card through pcscd + vpcd):
// a wrong signature password, the card pulled while signing, the backend unreachable when sending, a revoked
// signature certificate, and idle time in the middle of the flow. Each case checks what the screen shows and
// says, and ends with what the insurer holds: nothing sent, or exactly one report.
import { revokeCertificate } from '@myna-tv/backend';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ja } from '../../tv-app/src/texts/ja.ts';
import { spokenDigits } from '../../tv-app/src/texts/japanese-dates.ts';
import { insurerName, type ReportRig, startReportRig } from './support/report-rig.ts';
import {
  poll,
  press,
  spokenCount,
  stageText,
  tvState,
  typePassword,
  visible,
  waitForTv,
} from './support/tv-page.ts';

/** One contract per case that signs (the cases run in order on one backend). */
const references = ['FT-0001', 'FT-0002', 'FT-0003', 'FT-0004'];

let rig: ReportRig;
let page: Page;
const pageConsole: string[] = [];

beforeAll(async () => {
  rig = await startReportRig('status-report-faults', references);
  page = await rig.browser.context.newPage();
  page.on('console', (message) => pageConsole.push(message.text()));
  await page.goto(rig.appUrl());
  await waitForTv(page, { route: '/', screen: 'くらしの窓口' });
}, 300_000);

afterAll(async () => {
  await rig?.close();
});

/** The reference numbers of the reports the insurer holds. */
const stored = async () => (await rig.insurerReports()).map((report) => report.referenceNumber).sort();

const spokenSince = async (target: Page, mark: number) => (await tvState(target)).spoken.slice(mark);

/** What was said since `mark` includes `text`. */
const said = (target: Page, mark: number, text: string) =>
  poll(async () => (await spokenSince(target, mark)).join(' | ')).toContain(text);

/**
 * From Home to the password screen of the first report due (signing in with the PIN when the bridge has no
 * session), answering every question yes; returns the reference number of the report opened.
 */
async function openPasswordScreen(target: Page, triesLeft = 5): Promise<string> {
  await press(target, 'home');
  await waitForTv(target, { route: '/' });
  await press(target, '1');
  const { route } = await waitForTv(target, { route: expect.stringMatching(/^\/(reports|card\/found)$/) });
  if (route === '/card/found') {
    await press(target, 'ok');
    await waitForTv(target, { route: '/pin' });
    await press(target, ...([...rig.holder.pin] as `${number}`[]), 'ok');
  }
  await waitForTv(target, { route: '/reports', focus: expect.stringMatching(/^1番 /) });
  await press(target, 'ok');
  await waitForTv(target, { route: '/report/holder', screen: `現況届（${insurerName}）` });
  const shown = (await stageText(target)).replace(/\u200b/g, '');
  const reference = references.find((candidate) => shown.includes(candidate));
  if (!reference) throw new Error(`no reference number on the holder screen: ${shown}`);
  for (const step of [0, 1, 2]) {
    await press(target, 'ok');
    await waitForTv(target, { route: `/report/question/${step}`, focus: '1番 はい' });
  }
  await press(target, 'ok');
  await waitForTv(target, { route: '/report/summary', focus: '1番 この内容で送る' });
  const mark = await spokenCount(target);
  await press(target, 'ok');
  await waitForTv(target, { route: '/report/password', screen: ja.password.title });
  await said(target, mark, ja.card.triesLeft(triesLeft));
  await visible(target, ja.card.triesLeft(triesLeft));
  return reference;
}

/** The receipt on show and said; returns its number. */
async function receiptShown(mark: number): Promise<string> {
  await waitForTv(page, { route: '/report/receipt', screen: ja.reports.receiptTitle }, 60_000);
  const number = await page.locator('[data-role="receipt-number"]').getAttribute('data-number');
  expect(number).toMatch(/^\d{4}-\d{4}-\d+$/);
  await said(page, mark, ja.reports.receiptSpoken(spokenDigits(number as string)));
  return number as string;
}

const signTries = async () =>
  ((await rig.bridgeCall('GET', '/card/tries?kind=sign')).json as { triesLeft: number }).triesLeft;

describe('現況届 on TV when something goes wrong', { timeout: 180_000 }, () => {
  it('says a wrong password was wrong, shows the tries left from the card, sends nothing; the right one sends', async () => {
    const reference = await openPasswordScreen(page, 5);
    let mark = await spokenCount(page);
    await typePassword(page, 'WRONG1');
    await waitForTv(page, { route: '/report/password', screen: ja.password.title }, 60_000);
    await said(page, mark, ja.wrongPassword);
    await said(page, mark, ja.card.triesLeft(4));
    await visible(page, ja.card.triesLeft(4));
    await visible(page, ja.wrongPassword);
    expect(await signTries()).toBe(4);
    expect(await stored()).toEqual([]);

    mark = await spokenCount(page);
    await typePassword(page, rig.holder.password);
    await receiptShown(mark);
    expect(await signTries()).toBe(5);
    expect(await stored()).toEqual([reference]);
  });

  it('says nothing was sent when the card is pulled while signing; trying again after putting it back sends once', async () => {
    await rig.insertPulledAfterVerify();
    const reference = await openPasswordScreen(page);
    let mark = await spokenCount(page);
    await typePassword(page, rig.holder.password);
    const problem = ja.reports.problems['card-removed'];
    await waitForTv(page, { route: '/report/problem/card-removed', screen: problem.title }, 60_000);
    await said(page, mark, problem.body);
    await said(page, mark, ja.reports.retry);
    await visible(page, '届は送っていません。');
    expect(await stored()).toEqual([references[0]]);

    // The card back on the reader: OK tries again from the summary.
    await rig.reinsertCard();
    await press(page, 'ok');
    await waitForTv(page, { route: '/report/summary', focus: '1番 この内容で送る' });
    mark = await spokenCount(page);
    await press(page, 'ok');
    await waitForTv(page, { route: '/report/password' });
    await said(page, mark, ja.card.triesLeft(5));
    mark = await spokenCount(page);
    await typePassword(page, rig.holder.password);
    await receiptShown(mark);
    expect(await stored()).toEqual([references[0], reference].sort());
  });

  it('keeps the signed report on the box while the backend is unreachable, and sends it once when it is back', async () => {
    const reference = await openPasswordScreen(page);
    await rig.proxy.down();
    let mark = await spokenCount(page);
    await typePassword(page, rig.holder.password);
    await waitForTv(page, { route: '/report/waiting', screen: ja.reports.waitingTitle }, 60_000);
    await said(page, mark, ja.reports.waitingAuto);
    await visible(page, 'つながり次第、自動で送ります');
    expect(await stored()).toHaveLength(2);

    // The backend back: the bridge sends it by itself, and the receipt shows and is said.
    mark = await spokenCount(page);
    await rig.proxy.up();
    const receiptNumber = await receiptShown(mark);
    const reports = await rig.insurerReports();
    expect(reports.filter((report) => report.referenceNumber === reference)).toEqual([
      expect.objectContaining({ receiptNumber }),
    ]);

    // The list shows it sent, with its receipt number.
    await press(page, 'home');
    await waitForTv(page, { route: '/' });
    await press(page, '1');
    await waitForTv(page, { route: '/reports' });
    await visible(page, ja.reports.sentRow(receiptNumber));
    expect(await stored()).toEqual(references.slice(0, 3));
  });

  it('explains a revoked signature certificate and leads to registering the renewed one; nothing is stored', async () => {
    await revokeCertificate(rig.backend.pki, {
      purpose: 'sign',
      holderId: rig.holder.id,
      reason: 'keyCompromise',
    });
    rig.backend.forgetRevocationStatus();
    await openPasswordScreen(page);
    const mark = await spokenCount(page);
    await typePassword(page, rig.holder.password);
    const problem = ja.reports.problems.certificate;
    await waitForTv(page, { route: '/report/problem/certificate', screen: problem.title }, 60_000);
    await said(page, mark, problem.body);
    await said(page, mark, ja.reports.register);
    await visible(page, ja.reports.register);
    expect(await stored()).toHaveLength(3);

    // OK leads through the card and the PIN to the registration of the renewed certificate.
    await press(page, 'ok');
    await waitForTv(page, { route: '/card/found' });
    await press(page, 'ok');
    await waitForTv(page, { route: '/pin' });
    await press(page, ...([...rig.holder.pin] as `${number}`[]), 'ok');
    await waitForTv(page, { route: '/register/renewal', screen: ja.register.renewalTitle });
    expect(await stored()).toHaveLength(3);
    await press(page, 'back');
    await waitForTv(page, { route: '/' });
  });

  it('returns home when left idle in the middle, signed out, with the typed password forgotten', async () => {
    const idlePage = await rig.browser.context.newPage();
    await idlePage.goto(rig.appUrl({ idleMs: 15_000 }));
    await waitForTv(idlePage, { route: '/', screen: 'くらしの窓口' });
    await openPasswordScreen(idlePage);
    await typePassword(idlePage, 'ABC', false);
    await visible(idlePage, '●●●');
    const mark = await spokenCount(idlePage);
    await waitForTv(idlePage, { route: '/', screen: 'くらしの窓口' }, 30_000);
    await said(idlePage, mark, ja.home.idle);
    expect((await rig.bridgeCall('GET', '/reports')).status).toBe(401);
    // Back on the password screen (signing in again): nothing of what was typed is left.
    await openPasswordScreen(idlePage);
    expect(await stageText(idlePage)).not.toContain('●');
    await idlePage.close();
    expect(await stored()).toEqual(references.slice(0, 3));
  });

  it('never logged the PIN or the password', () => {
    const logged = [...pageConsole, ...rig.bridgeLogs].join('\n');
    for (const secret of [rig.holder.pin, rig.holder.password, 'WRONG1'])
      expect(logged).not.toContain(secret);
  });
});
