// Rendered messages: one log entry (say, an alert) whose payload differs per household. The feature that
// publishes it registers a renderer for its topic; every node asks it for the payloads when it delivers, replays
// or re-sends the message to its own boxes, so only the small trigger crosses between nodes.
import type { DeviceIdentity } from '../devices/index.ts';
import type { JsonValue, PushMessage, PushTarget } from './contracts.ts';
import { PushError } from './push-error.ts';

export type RenderedTarget = Extract<PushTarget, { kind: 'rendered' }>;

/**
 * A payload encoded once, as UTF-8 JSON, when it is rendered: every packet that carries it copies these bytes.
 * A rendered message is written to each box of its household, on every node, and again on replays and
 * re-sends; encoding it at each write, and keeping it as objects the collector copies through a large push,
 * made up a third of the alert fan-out's CPU per box (alert-push, docs/benchmarks.md).
 */
export class EncodedPayload {
  readonly bytes: Buffer;

  constructor(value: JsonValue) {
    this.bytes = Buffer.from(JSON.stringify(value));
  }

  get json(): string {
    return this.bytes.toString('utf8');
  }

  /** The payload as a value again, for the few writes that need one (a replay, a box still being replayed to). */
  value(): JsonValue {
    return JSON.parse(this.json) as JsonValue;
  }
}

export interface PushRenderer {
  /**
   * The payload of message `key` for every household it is for (households absent get nothing), in the order
   * they should get it (first in the map, first on the wire). Called on every node that delivers or replays the
   * message, and for each replay and re-send: cache inside.
   */
  render(key: string): Promise<ReadonlyMap<string, EncodedPayload>>;
}

export class PushRenderers {
  readonly #byTopic = new Map<string, PushRenderer>();

  constructor(initial: Readonly<Record<string, PushRenderer>> = {}) {
    for (const [topic, renderer] of Object.entries(initial)) this.#byTopic.set(topic, renderer);
  }

  set(topic: string, renderer: PushRenderer): void {
    this.#byTopic.set(topic, renderer);
  }

  has(topic: string): boolean {
    return this.#byTopic.has(topic);
  }

  /** The payload per household of a rendered message; throws if its topic has no renderer (yet). */
  async payloads(target: RenderedTarget): Promise<ReadonlyMap<string, EncodedPayload>> {
    const renderer = this.#byTopic.get(target.topic);
    if (!renderer) throw new PushError('internal', `no push renderer for topic ${target.topic}`);
    try {
      return await renderer.render(target.key);
    } catch (err) {
      throw new PushError('internal', `rendering ${target.topic} ${target.key} failed`, { cause: err });
    }
  }

  /** A message in force as one box receives it: rendered for its household; undefined if it is not for it. */
  async forBox(message: PushMessage, identity: DeviceIdentity): Promise<PushMessage | undefined> {
    if (message.target.kind !== 'rendered') return message;
    const payload = (await this.payloads(message.target)).get(identity.householdId);
    return payload === undefined ? undefined : { ...message, payload: payload.value() };
  }
}
