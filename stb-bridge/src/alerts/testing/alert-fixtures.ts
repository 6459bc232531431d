// Alert payloads and pushed messages as the backend sends them, for the bridge's tests.
import type { PushMessage } from '@myna-tv/backend';
import type { AlertPayload } from '@myna-tv/disaster';

export function alertPayload(patch: Partial<AlertPayload> = {}): AlertPayload {
  const level = patch.level === undefined ? 4 : patch.level;
  return {
    v: 1,
    alert: {
      identifier: 'minami-2026-0042',
      sender: 'town.minami.tokushima.jp',
      sent: '2026-11-24T09:58:00+09:00',
      expires: null,
    },
    thread: 'thread-1',
    status: 'Actual',
    kind: 'issue',
    level,
    role: 'resident',
    priority: true,
    shelter: {
      id: 'shelter-7',
      name: '美波町立日和佐小学校',
      latitude: 33.7301,
      longitude: 134.5412,
      distanceMetres: 1200,
      direction: 'NE',
      welfare: false,
    },
    ja: {
      title: `【警戒レベル${level ?? ''}】避難指示`,
      action: 'たなか はなこさん、危険な場所から全員避難。今すぐ避難してください。',
      place: '避難先：美波町立日和佐小学校（北東へ約1.2km）',
    },
    ...patch,
  };
}

export function alertMessage(seq: number, payload: AlertPayload, ttlMs = 3_600_000): PushMessage {
  return {
    seq,
    target: { kind: 'rendered', topic: 'alert', key: `alert-${seq}` },
    payload: payload as unknown as PushMessage['payload'],
    createdAt: '2026-11-24T01:00:00.000Z',
    expiresAt: new Date(Date.parse('2026-11-24T01:00:00.000Z') + ttlMs).toISOString(),
  };
}
