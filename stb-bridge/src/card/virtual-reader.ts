// A reader in this process holding a card emulated in this process (the embedded default, and unit
// tests): no PC/SC, no sockets. The card can be inserted and pulled like a real one.
import { CardError } from './card-error.ts';
import { type CardConnection, type CardPresence, CardReaderBase } from './card-reader.ts';

/** What the reader needs of a card: the shape of VirtualJpkiCard (virtual-card/). */
export interface InProcessCard {
  readonly atr: Uint8Array;
  transmit(command: Uint8Array): Uint8Array;
  /** Power cycle: clears the security state (verified PINs, selected AP). */
  reset(): void;
}

export const VIRTUAL_READER_NAME = 'Myna TV virtual reader';

export class VirtualReader extends CardReaderBase {
  readonly name: string;
  private card: InProcessCard | undefined;
  /** Bumped on every insertion and removal, so a connection to an earlier card knows it is gone. */
  private generation = 0;

  constructor(options: { name?: string; card?: InProcessCard } = {}) {
    super();
    this.name = options.name ?? VIRTUAL_READER_NAME;
    this.announceReader(this.name);
    if (options.card) this.insert(options.card);
  }

  /** Puts a card in the reader (powered up fresh), replacing any card already there. */
  insert(card: InProcessCard): void {
    if (this.closed) throw new CardError('card.closed', 'the reader is closed');
    this.card = card;
    this.generation += 1;
    card.reset();
    this.cardInserted(this.name, card.atr);
  }

  /** Pulls the card out: its connections fail with `card.removed` from now on. */
  remove(): void {
    if (!this.card) return;
    this.card = undefined;
    this.generation += 1;
    this.cardRemoved(this.name);
  }

  async close(): Promise<void> {
    this.remove();
    this.closed = true;
    this.withdrawReader(this.name);
  }

  protected async openConnection(presence: CardPresence): Promise<CardConnection> {
    const card = this.card as InProcessCard;
    const generation = this.generation;
    let open = true;
    const usable = () => {
      if (!open) throw new CardError('card.closed', 'the connection is closed');
      if (this.generation !== generation) throw new CardError('card.removed', 'the card was removed');
    };
    return {
      reader: presence.reader,
      atr: presence.atr,
      transmit: async (apdu) => {
        usable();
        // Yield first, as a real reader would, so callers never depend on a synchronous answer.
        await Promise.resolve();
        usable();
        try {
          return Uint8Array.from(card.transmit(Uint8Array.from(apdu)));
        } catch (error) {
          throw new CardError('card.transport', 'the emulated card failed on a command', { cause: error });
        }
      },
      disconnect: async () => {
        if (!open) return;
        open = false;
        if (this.generation === generation) card.reset();
      },
    };
  }
}
