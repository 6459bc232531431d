// The measurement behind test/bench/growth-chart.ts, run by it under vitest (the browser rig is built on
// vitest's waits): skipped unless GROWTH_CHART_BENCH_OUT names the file the figures go to.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { childBundle, startHealthRig } from '../browser/support/health-rig.ts';
import { press, tvAppUrl, tvState, waitForTv } from '../browser/support/tv-page.ts';
import type { BenchResult } from './run.ts';

const out = process.env.GROWTH_CHART_BENCH_OUT;

const openings = 7;
const childName = '美波 はると';

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** Presses OK on the focused child and answers the page-clock milliseconds until the chart announced itself. */
async function openChart(page: Page): Promise<number> {
  const started = await page.evaluate(() => performance.now());
  await press(page, 'ok');
  const handle = await page.waitForFunction(
    (title) => {
      const state = (globalThis as unknown as { __MYNA_TV__?: { screen: string } }).__MYNA_TV__;
      return state?.screen === title ? performance.now() : false;
    },
    `${childName}さんの体重`,
    { polling: 'raf', timeout: 60_000 },
  );
  return ((await handle.jsonValue()) as number) - started;
}

async function measure(): Promise<BenchResult['figures']> {
  const rig = await startHealthRig('growth-chart-bench');
  try {
    const child = childBundle({ id: 'bench-child-0001', name: childName, ageDays: 130 });
    const sent = await rig.municipalityCall('POST', '/health/bundles', child.bundle);
    if (sent.status !== 201) throw new Error(`bundle refused: ${await sent.text()}`);
    const { applicationId } = await rig.apply([{ name: childName, birthDate: child.birthDate }]);
    await rig.municipalityCall('POST', `/health/link-applications/${applicationId}/decision`, {
      decision: 'approve',
      children: [child.identifier],
    });

    const figures: BenchResult['figures'] = {};
    for (const render of ['webgl', 'canvas'] as const) {
      // Each page starts signed out and signs in with the card, as a viewer would.
      await rig.bridgeCall('POST', '/logout');
      const page = await rig.browser.context.newPage();
      await page.goto(tvAppUrl(rig.server.origin, rig.bridge.url, { render }));
      await waitForTv(page, { route: '/', screen: 'くらしの窓口' }, 60_000);
      // Signed in with the card when the box is not yet (the PIN screens are not what is timed).
      await page.bringToFront();
      await page.waitForTimeout(1000);
      await press(page, '2');
      const next = await page
        .waitForFunction(
          () => {
            const route = (globalThis as unknown as { __MYNA_TV__?: { route: string } }).__MYNA_TV__?.route;
            return route === '/children' || route === '/card/found' ? route : false;
          },
          undefined,
          { timeout: 60_000 },
        )
        .catch(async (error: unknown) => {
          throw new Error(`no list nor card flow: ${JSON.stringify(await tvState(page))}`, { cause: error });
        });
      if ((await next.jsonValue()) === '/card/found') {
        await press(page, 'ok');
        await waitForTv(page, { route: '/pin' }, 60_000);
        await press(page, ...([...rig.holder.pin] as `${number}`[]), 'ok');
      }
      const times: number[] = [];
      for (let i = 0; i < openings; i++) {
        // The list loaded, its first child in focus.
        await page.waitForFunction(
          () => {
            const state = (globalThis as unknown as { __MYNA_TV__?: { route: string; focus: string | null } })
              .__MYNA_TV__;
            return state?.route === '/children' && state.focus?.startsWith('1番') === true;
          },
          undefined,
          { timeout: 60_000 },
        );
        await page.waitForTimeout(300);
        times.push(await openChart(page));
        await press(page, 'ok');
      }
      const [first, ...rest] = times as [number, ...number[]];
      figures[
        `${render}: OK on a child → chart drawn, median of ${rest.length} (curves kept), ms (target < 500)`
      ] = Math.round(median(rest));
      figures[`${render}: first opening (curves fetched), ms`] = Math.round(first);
      figures[`${render}: all openings, ms`] = times.map(Math.round).join(', ');
      if (out) await writeFile(out, JSON.stringify(figures));
      await page.close();
    }
    figures['host load average (1 min) at the end'] = os.loadavg()[0]?.toFixed(1) ?? '?';
    return figures;
  } finally {
    await rig.close();
  }
}

describe.runIf(out)('growth chart bench', () => {
  it('opens the chart from the children list, WebGL and Canvas', { timeout: 900_000 }, async () => {
    await writeFile(out as string, JSON.stringify(await measure()));
  });
});
