// Alerts published the way a municipality's system publishes them: CAP 1.2 messages posted to
// POST /api/v1/alerts by an API client of role alert-publisher bound to its sender. The backend parses, stores,
// resolves the thread, targets the households (the area is the whole of 美波町, jisX0402 363871) and pushes
// one message rendered per household: nothing of the alert is written here.
import { randomUUID } from 'node:crypto';
import { createApiClient, type Database } from '@myna-tv/backend';

export const publisherSender = 'bousai@town.minami.example.jp';

export interface CapOptions {
  status?: 'Actual' | 'Exercise' | 'Test';
  /** Default 4. */
  level?: 3 | 4 | 5;
  /** Minutes from now until the alert expires; default 60. */
  expiresMinutes?: number;
}

/** What POST /api/v1/alerts answered. */
export interface PublishedAlert {
  id: string;
  thread: string;
  outcome: string;
  state: string;
  targeted: number;
  pushSeq: number | null;
  /** `sender,identifier,sent`: what an Update or Cancel references. */
  reference: string;
}

export interface AlertPublisher {
  /** A new alert (msgType Alert). */
  issue(options?: CapOptions): Promise<PublishedAlert>;
  /** An Update of `original` (same thread: it replaces the alert on screen). */
  update(original: PublishedAlert, options?: CapOptions): Promise<PublishedAlert>;
  /** A Cancel of `original`: the households it reached are told it is withdrawn. */
  cancel(original: PublishedAlert, options?: CapOptions): Promise<PublishedAlert>;
  /** A household's answer row for a thread (alert_responses), or undefined. */
  response(
    thread: string,
    householdId: string,
  ): Promise<{ answer: string | null; shown: boolean } | undefined>;
}

const levelEvents = { 3: '高齢者等避難', 4: '避難指示', 5: '緊急安全確保' } as const;
const severities = { 3: 'Moderate', 4: 'Severe', 5: 'Extreme' } as const;

/** CAP time (seconds, +09:00). */
const capTime = (at: Date) => `${new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 19)}+09:00`;

function capXml(
  options: CapOptions & { msgType: 'Alert' | 'Update' | 'Cancel'; references?: string; identifier: string },
  sent: Date,
): string {
  const level = options.level ?? 4;
  const expires = new Date(sent.getTime() + (options.expiresMinutes ?? 60) * 60_000);
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${options.identifier}</identifier>
  <sender>${publisherSender}</sender>
  <sent>${capTime(sent)}</sent>
  <status>${options.status ?? 'Actual'}</status>
  <msgType>${options.msgType}</msgType>
  <scope>Public</scope>${options.references ? `\n  <references>${options.references}</references>` : ''}
  <info>
    <language>ja-JP</language>
    <category>Geo</category>
    <event>${levelEvents[level]}</event>
    <responseType>Evacuate</responseType>
    <urgency>Immediate</urgency>
    <severity>${severities[level]}</severity>
    <certainty>Likely</certainty>
    <expires>${capTime(expires)}</expires>
    <senderName>美波町災害対策本部</senderName>
    <headline>美波町に${levelEvents[level]}（警戒レベル${level}）</headline>
    <instruction>危険な場所から避難してください。</instruction>
    <parameter><valueName>警戒レベル</valueName><value>${level}</value></parameter>
    <area>
      <areaDesc>美波町全域</areaDesc>
      <geocode><valueName>jisX0402</valueName><value>363871</value></geocode>
    </area>
  </info>
</alert>`;
}

/** Creates the publisher's API client on the backend behind `url` (its database `db`). */
export async function alertPublisher(backend: { url: string; db: Database }): Promise<AlertPublisher> {
  const { client, secret } = await createApiClient(backend.db, {
    name: '美波町 防災システム',
    role: 'alert-publisher',
    alertSenders: [publisherSender],
    actor: { id: 'alert-test', role: 'system', requestId: null },
    now: new Date(),
  });
  const authorization = `Basic ${Buffer.from(`${client.clientId}:${secret}`).toString('base64')}`;
  // CAP `sent` has whole seconds and (sender, identifier, sent) names a message: keep them apart and rising.
  let lastSent = 0;
  const nextSent = () => {
    const now = Math.floor(Date.now() / 1000) * 1000;
    lastSent = Math.max(now, lastSent + 1000);
    return new Date(lastSent);
  };

  async function post(
    options: CapOptions & { msgType: 'Alert' | 'Update' | 'Cancel'; references?: string },
  ): Promise<PublishedAlert> {
    const identifier = `JP-363871-${randomUUID()}`;
    const sent = nextSent();
    const response = await fetch(`${backend.url}/api/v1/alerts`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/cap+xml' },
      body: capXml({ ...options, identifier }, sent),
    });
    const body = (await response.json()) as Omit<PublishedAlert, 'reference'>;
    if (response.status !== 201) {
      throw new Error(`POST /api/v1/alerts answered ${response.status}: ${JSON.stringify(body)}`);
    }
    return { ...body, reference: `${publisherSender},${identifier},${capTime(sent)}` };
  }

  return {
    issue: (options = {}) => post({ ...options, msgType: 'Alert' }),
    update: (original, options = {}) =>
      post({ ...options, msgType: 'Update', references: original.reference }),
    cancel: (original, options = {}) =>
      post({ ...options, msgType: 'Cancel', references: original.reference }),
    async response(thread, householdId) {
      const rows = await backend.db.query<{ answer: string | null; shown_at: Date | null }>(
        'SELECT answer, shown_at FROM alert_responses WHERE thread = $1 AND household_id = $2',
        [thread, householdId],
      );
      const row = rows[0];
      return row && { answer: row.answer, shown: row.shown_at !== null };
    },
  };
}
