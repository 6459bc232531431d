// GET /messages and POST /messages/:seq/shown: the pushed messages the inbox keeps on disk until the TV app
// has shown them.

import { Hono } from 'hono';
import { isAlertMessage } from '../alerts/alert-message.ts';
import type { PushInbox } from '../link/push-inbox.ts';
import type { MessageShownResponse, MessagesResponse } from './contracts.ts';
import { LocalApiError } from './local-api-error.ts';

export function messageRoutes(deps: { inbox: PushInbox }) {
  const { inbox } = deps;
  // Disaster alerts have their own routes (alert-routes.ts).
  const messages = () => inbox.pending().filter((m) => !isAlertMessage(m));
  return new Hono()
    .get('/messages', (c) => c.json<MessagesResponse>({ messages: messages() }))
    .post('/messages/:seq/shown', async (c) => {
      const text = c.req.param('seq');
      const seq = Number(text);
      if (!/^[1-9][0-9]{0,15}$/.test(text) || !Number.isSafeInteger(seq)) {
        throw new LocalApiError('request.invalid', 'seq must be a positive whole number');
      }
      if (!(await inbox.markShown(seq))) {
        throw new LocalApiError('message.not-pending', `message ${seq} is not waiting to be shown`);
      }
      return c.json<MessageShownResponse>({ seq });
    });
}
