import { describe, expect, it } from 'vitest';
import { deliveryCells, deliveryStatus } from './deliveries-view.ts';
import type { DeliveryState } from './operator-api.ts';

const delivery = (change: Partial<DeliveryState>): DeliveryState => ({
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'status-report',
  insurerId: '00000000-0000-4000-8000-000000000002',
  insurerName: 'マイナ生命保険',
  state: 'pending',
  attempts: 0,
  nextAttemptAt: '2026-11-24T03:00:00.000Z',
  lastAttemptAt: null,
  lastError: null,
  deliveredAt: null,
  createdAt: '2026-11-24T02:00:00.000Z',
  ...change,
});

describe('the outbox in words', () => {
  it('says what waits, what failed and when it is tried again, in Japan time', () => {
    expect(deliveryStatus(delivery({}))).toBe('送信待ち');
    expect(deliveryStatus(delivery({ attempts: 3, lastError: 'HTTP 503' }))).toBe(
      '再送待ち（3回失敗、次回 2026/11/24 12:00）',
    );
    expect(deliveryStatus(delivery({ state: 'no-endpoint' }))).toBe('保険者の取得待ち（送信先未設定）');
    expect(deliveryStatus(delivery({ state: 'delivered', deliveredAt: '2026-11-24T02:30:00.000Z' }))).toBe(
      '送信済み（2026/11/24 11:30）',
    );
  });

  it('fills the row: time received, insurer, kind, state, last error', () => {
    expect(
      deliveryCells(delivery({ kind: 'certificate-signal', attempts: 1, lastError: 'connect ECONNREFUSED' })),
    ).toEqual([
      '2026/11/24 11:00',
      'マイナ生命保険',
      '証明書の失効通知',
      '再送待ち（1回失敗、次回 2026/11/24 12:00）',
      'connect ECONNREFUSED',
    ]);
  });
});
