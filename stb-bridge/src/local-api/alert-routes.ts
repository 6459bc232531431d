// GET /alerts, POST /alerts/:seq/shown and POST /alerts/:seq/answer: the disaster alerts the TV app shows over
// any screen, and the viewer's answer with a colour button (kept on the box until the backend has it).
import { Hono } from 'hono';
import { z } from 'zod';
import type { AlertStore } from '../alerts/alert-store.ts';
import {
  type AlertAnswerResponse,
  type AlertShownResponse,
  type AlertsResponse,
  alertAnswers,
} from './contracts.ts';
import { LocalApiError } from './local-api-error.ts';
import { readJsonBody } from './request-body.ts';

const answerSchema = z.strictObject({ answer: z.enum(alertAnswers) });

function seqOf(text: string): number {
  const seq = Number(text);
  if (!/^[1-9][0-9]{0,15}$/.test(text) || !Number.isSafeInteger(seq)) {
    throw new LocalApiError('request.invalid', 'seq must be a positive whole number');
  }
  return seq;
}

/** Runs a store write; a disk failure is the viewer's "try again", not an internal error. */
async function stored<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw new LocalApiError('alert.store-failed', 'the alert could not be recorded on this box', {
      cause: error,
    });
  }
}

const notActive = (seq: number) =>
  new LocalApiError('alert.not-active', `alert ${seq} is not one to show now`);

export function alertRoutes(deps: { alerts: AlertStore }) {
  const { alerts } = deps;
  return new Hono()
    .get('/alerts', (c) => c.json<AlertsResponse>({ alerts: alerts.active() }))
    .post('/alerts/:seq/shown', async (c) => {
      const seq = seqOf(c.req.param('seq'));
      const shown = await stored(() => alerts.markShown(seq));
      if (shown === 'not-active' || shown.shownAt === null) throw notActive(seq);
      return c.json<AlertShownResponse>({ seq, shownAt: shown.shownAt });
    })
    .post('/alerts/:seq/answer', async (c) => {
      const seq = seqOf(c.req.param('seq'));
      const { answer } = await readJsonBody(c, answerSchema);
      const answered = await stored(() => alerts.answer(seq, answer));
      if (answered === 'not-active') throw notActive(seq);
      return c.json<AlertAnswerResponse>(answered);
    });
}
