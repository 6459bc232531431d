// Rendered messages: one log entry (say, an alert) whose payload differs per household. The feature that
// publishes it registers a renderer for its topic; every node asks it for the payloads when it delivers, replays
// or re-sends the message to its own boxes, so only the small trigger crosses between nodes.
import type { DeviceIdentity } from '../devices/index.ts';
import type { JsonValue, PushMessage, PushTarget } from './contracts.ts';
import { PushError } from './push-error.ts';

export type RenderedTarget = Extract<PushTarget, { kind: 'rendered' }>;

export interface PushRenderer {
  /**
   * The payload of message `key` for every household it is for (households absent get nothing), in the order
   * they should get it (first in the map, first on the wire). Called on every node that delivers or replays the
   * message, and for each replay and re-send: cache inside.
   */
  render(key: string): Promise<ReadonlyMap<string, JsonValue>>;
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
  async payloads(target: RenderedTarget): Promise<ReadonlyMap<string, JsonValue>> {
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
    return payload === undefined ? undefined : { ...message, payload };
  }
}
