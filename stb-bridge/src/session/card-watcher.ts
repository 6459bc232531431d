// Follows the reader and its card for the TV app: reader attached or missing, card inserted (then checked for
// the JPKI application, so the TV app can say "this is not a My Number Card") and removed.
import { EventEmitter } from 'node:events';
import { isCardError } from '../card/card-error.ts';
import type { CardPresence, CardReader } from '../card/card-reader.ts';
import type { BridgeEvent, CardState } from '../local-api/contracts.ts';
import type { CardAccess } from './card-access.ts';

export interface CardWatcherEvents {
  event: [BridgeEvent];
  /** A check that failed for another reason than "not a JPKI card", for the daemon to log. */
  'check-failed': [unknown];
}

export class CardWatcher extends EventEmitter<CardWatcherEvents> {
  readonly #reader: CardReader;
  readonly #access: CardAccess;
  #state: CardState = { reader: null, card: 'absent' };
  /** Bumped on every insertion and removal, so a late check result of an earlier card is dropped. */
  #generation = 0;

  constructor(reader: CardReader, access: CardAccess) {
    super();
    this.#reader = reader;
    this.#access = access;
  }

  readonly #onReaderAdded = (name: string) => this.#readerAdded(name);
  readonly #onReaderRemoved = () => this.#readersChanged();
  readonly #onCardInserted = (presence: CardPresence) => this.#cardInserted(presence.reader);
  readonly #onCardRemoved = (event: { reader: string }) => this.#cardRemoved(event.reader);

  get state(): CardState {
    return { ...this.#state };
  }

  /** Subscribes to the reader and takes its present state (a card already in the reader is checked now). */
  start(): void {
    this.#reader.on('reader-added', this.#onReaderAdded);
    this.#reader.on('reader-removed', this.#onReaderRemoved);
    this.#reader.on('card-inserted', this.#onCardInserted);
    this.#reader.on('card-removed', this.#onCardRemoved);
    const readers = this.#reader.readers();
    const withCard = readers.find((r) => r.atr !== undefined);
    if (withCard) this.#cardInserted(withCard.name);
    else if (readers[0]) this.#set({ reader: readers[0].name, card: 'absent' });
    else this.#emit({ type: 'reader:missing' });
  }

  stop(): void {
    this.#reader.off('reader-added', this.#onReaderAdded);
    this.#reader.off('reader-removed', this.#onReaderRemoved);
    this.#reader.off('card-inserted', this.#onCardInserted);
    this.#reader.off('card-removed', this.#onCardRemoved);
  }

  #readerAdded(name: string): void {
    if (this.#state.reader !== null) return;
    this.#set({ reader: name, card: 'absent' });
    this.#emit({ type: 'reader:attached', reader: name });
  }

  #readersChanged(): void {
    const remaining = this.#reader.readers();
    if (remaining.some((r) => r.name === this.#state.reader)) return;
    this.#generation += 1;
    const next = remaining.find((r) => r.atr !== undefined) ?? remaining[0];
    if (next === undefined) {
      this.#set({ reader: null, card: 'absent' });
      this.#emit({ type: 'reader:missing' });
    } else if (next.atr !== undefined) {
      this.#cardInserted(next.name);
    } else {
      this.#set({ reader: next.name, card: 'absent' });
      this.#emit({ type: 'reader:attached', reader: next.name });
    }
  }

  #cardInserted(reader: string): void {
    const generation = ++this.#generation;
    this.#set({ reader, card: 'checking' });
    void this.#access
      .withJpki((jpki) => jpki.selectJpkiAp())
      .then(
        () => true,
        (error: unknown) => {
          if (!isCardError(error, 'card.not-jpki')) this.emit('check-failed', error);
          return false;
        },
      )
      .then((jpki) => {
        if (generation !== this.#generation) return;
        this.#set({ reader, card: jpki ? 'jpki' : 'not-jpki' });
        this.#emit({ type: 'card:inserted', reader, jpki });
      });
  }

  #cardRemoved(reader: string): void {
    if (reader !== this.#state.reader) return;
    this.#generation += 1;
    this.#set({ reader, card: 'absent' });
    this.#emit({ type: 'card:removed', reader });
  }

  #set(state: CardState): void {
    this.#state = state;
    this.#emit({ type: 'card:state', state: { ...state } });
  }

  #emit(event: BridgeEvent): void {
    this.emit('event', event);
  }
}
