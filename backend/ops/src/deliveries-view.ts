// 現況届の配信: the outbox to insurers as the operator needs to see it — what waits, how often it was tried and
// why it failed — so that an insurer endpoint that has been down for a day is noticed.
import { el } from './dom.ts';
import type { DeliveryState } from './operator-api.ts';

const kindLabels: Readonly<Record<DeliveryState['kind'], string>> = {
  'status-report': '現況届',
  'certificate-signal': '証明書の失効通知',
};

const tokyoTime = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  dateStyle: 'short',
  timeStyle: 'short',
});

const at = (iso: string | null) => (iso === null ? '—' : tokyoTime.format(new Date(iso)));

/** The state in words: delivered, waiting to be fetched, or pending with its attempts and next try. */
export function deliveryStatus(delivery: DeliveryState): string {
  switch (delivery.state) {
    case 'delivered':
      return `送信済み（${at(delivery.deliveredAt)}）`;
    case 'no-endpoint':
      return '保険者の取得待ち（送信先未設定）';
    case 'pending':
      return delivery.attempts === 0
        ? '送信待ち'
        : `再送待ち（${delivery.attempts}回失敗、次回 ${at(delivery.nextAttemptAt)}）`;
  }
}

/** One table row's cells, in the order of the header. */
export function deliveryCells(delivery: DeliveryState): string[] {
  return [
    at(delivery.createdAt),
    delivery.insurerName,
    kindLabels[delivery.kind],
    deliveryStatus(delivery),
    delivery.lastError ?? '',
  ];
}

const headers = ['受付日時', '送信先', '種類', '状態', '最後のエラー'];

export function deliveriesTable(deliveries: readonly DeliveryState[]): HTMLElement {
  if (deliveries.length === 0) return el('p', { class: 'empty' }, '配信する届出はまだありません。');
  const waiting = deliveries.filter((d) => d.state === 'pending' && d.attempts > 0).length;
  return el(
    'section',
    { 'aria-label': '配信の一覧' },
    el(
      'p',
      { class: waiting > 0 ? 'warning' : 'ok' },
      waiting > 0 ? `送信に失敗して再送を待っている届出が ${waiting} 件あります。` : '再送待ちはありません。',
    ),
    el(
      'table',
      {},
      el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, h)))),
      el(
        'tbody',
        {},
        ...deliveries.map((d) =>
          el('tr', { 'data-state': d.state }, ...deliveryCells(d).map((cell) => el('td', {}, cell))),
        ),
      ),
    ),
  );
}
