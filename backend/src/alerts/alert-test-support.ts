// Test support for alert ingest: the disaster library's own fixtures (read in place, not copied), its
// test-time signing PKI, CAP messages with times of the test's choosing, an alert-publisher client bound to
// its senders, and a clock set to a fixed instant.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { call, loginAsAdmin, type TestApp } from '../http/testing/test-app.ts';

export {
  createCertificate,
  signCap,
  type TestCertificate,
} from '../../../disaster/src/alerts/test-pki.test-support.ts';

const fixturesDir = join(
  dirname(createRequire(import.meta.url).resolve('@myna-tv/disaster')),
  'alerts',
  'fixtures',
);

/** A fixture of disaster/src/alerts/fixtures, as text. */
export const alertFixture = (name: string): string => readFileSync(join(fixturesDir, name), 'utf8');

/** Sets the test clock to `iso` (it keeps running from there). */
export function setClock(t: TestApp, iso: string): void {
  t.clock.advance(Date.parse(iso) - t.clock().getTime());
}

/** A new API client of role alert-publisher, bound to `alertSenders`; its Authorization header. */
export async function createPublisher(
  t: TestApp,
  alertSenders: readonly string[],
): Promise<Record<string, string>> {
  const admin = await loginAsAdmin(t);
  const response = await call(t, 'POST', '/api/v1/api-clients', {
    headers: admin,
    body: { name: `publisher ${crypto.randomUUID()}`, role: 'alert-publisher', alertSenders },
  });
  const { client, clientSecret } = (await response.json()) as {
    client: { clientId: string };
    clientSecret: string;
  };
  return { authorization: `Basic ${Buffer.from(`${client.clientId}:${clientSecret}`).toString('base64')}` };
}

export function postAlert(
  t: TestApp,
  headers: Record<string, string>,
  xml: string | Uint8Array,
  contentType = 'application/cap+xml',
): Promise<Response> {
  return Promise.resolve(
    t.app.request('/api/v1/alerts', {
      method: 'POST',
      headers: { ...headers, 'content-type': contentType },
      body: xml,
    }),
  );
}

/** CAP time (seconds, +09:00) of an instant. */
export const capTime = (at: Date): string =>
  `${new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 19)}+09:00`;

/** A minimal valid CAP 1.2 message (one info with a jisX0402 area). */
export function capMessage(options: {
  identifier: string;
  sender: string;
  sent: Date;
  expires: Date;
  msgType?: 'Alert' | 'Update' | 'Cancel';
  status?: string;
  references?: string;
}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${options.identifier}</identifier>
  <sender>${options.sender}</sender>
  <sent>${capTime(options.sent)}</sent>
  <status>${options.status ?? 'Actual'}</status>
  <msgType>${options.msgType ?? 'Alert'}</msgType>
  <scope>Public</scope>${options.references ? `\n  <references>${options.references}</references>` : ''}
  <info>
    <language>ja-JP</language>
    <category>Geo</category>
    <event>避難指示</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <expires>${capTime(options.expires)}</expires>
    <headline>避難指示（警戒レベル4）</headline>
    <area>
      <areaDesc>美波町</areaDesc>
      <geocode><valueName>jisX0402</valueName><value>363871</value></geocode>
    </area>
  </info>
</alert>`;
}
