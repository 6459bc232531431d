// GET /card and GET /card/tries: what is in the reader, and how many PIN tries are left (asked without using one).
import { Hono } from 'hono';
import { z } from 'zod';
import type { CardAccess } from '../session/card-access.ts';
import type { CardState, TriesResponse } from './contracts.ts';
import { LocalApiError } from './local-api-error.ts';

export interface CardRouteDeps {
  cards: { readonly state: CardState };
  access: CardAccess;
}

const pinKind = z.enum(['auth', 'sign']);

export function cardRoutes(deps: CardRouteDeps) {
  return new Hono()
    .get('/card', (c) => c.json<CardState>(deps.cards.state))
    .get('/card/tries', async (c) => {
      const kind = pinKind.safeParse(c.req.query('kind'));
      if (!kind.success) throw new LocalApiError('request.invalid', 'kind must be auth or sign');
      const triesLeft = await deps.access.withJpki((jpki) => jpki.triesLeft(kind.data));
      return c.json<TriesResponse>({ kind: kind.data, triesLeft });
    });
}
