// The check-in desk of a shelter terminal: the journal, its sync, the cached card trust and the card, put
// together for the local API's shelter routes. A tap is journalled (on disk) before it is answered, then the
// sync is woken to send it.

import type { PersonRef, ShelterEvent } from '@myna-tv/backend';
import type { ShelterStatusResponse as DeskStatus } from '../local-api/contracts.ts';
import type { CardAccess } from '../session/card-access.ts';
import { readCardPerson, type TapResult, tapCheckIn } from './card-tap.ts';
import { type CardCheck, type CardTrust, loadCardTrust } from './card-trust.ts';
import type { CheckinJournal, NewShelterEvent } from './checkin-journal.ts';
import type { JournalSync } from './journal-sync.ts';

export class ShelterDesk {
  readonly journal: CheckinJournal;
  readonly sync: JournalSync;
  readonly #access: Pick<CardAccess, 'withJpki'>;
  readonly #trustDir: string;
  readonly #clock: () => Date;
  #trust: CardTrust;

  private constructor(options: {
    journal: CheckinJournal;
    sync: JournalSync;
    access: Pick<CardAccess, 'withJpki'>;
    trustDir: string;
    trust: CardTrust;
    clock: () => Date;
  }) {
    this.journal = options.journal;
    this.sync = options.sync;
    this.#access = options.access;
    this.#trustDir = options.trustDir;
    this.#trust = options.trust;
    this.#clock = options.clock;
  }

  static async open(options: {
    journal: CheckinJournal;
    sync: JournalSync;
    access: Pick<CardAccess, 'withJpki'>;
    /** Folder of the cached CA certificates and CRL (card-trust.ts). */
    trustDir: string;
    clock?: () => Date;
  }): Promise<ShelterDesk> {
    return new ShelterDesk({
      ...options,
      trust: await loadCardTrust(options.trustDir),
      clock: options.clock ?? (() => new Date()),
    });
  }

  /** Re-reads the trust folder (after a new CRL was downloaded into it). */
  async reloadTrust(): Promise<void> {
    this.#trust = await loadCardTrust(this.#trustDir);
  }

  async tap(options: { groupId: string | null; pin?: string }): Promise<TapResult> {
    const result = await this.#access.withJpki((card) =>
      tapCheckIn({ card, trust: this.#trust, journal: this.journal, now: this.#clock(), ...options }),
    );
    this.sync.poke();
    return result;
  }

  /** Journals a staff-made event (check-out, move, household, hand entry, note), then wakes the sync. */
  async record(event: NewShelterEvent): Promise<ShelterEvent> {
    const stored = await this.journal.append(event);
    this.sync.poke();
    return stored;
  }

  /** The holder of the card on the reader as an event names them (check-out or a note by tap); no PIN. */
  cardOnReader(): Promise<{ person: PersonRef; check: CardCheck }> {
    return this.#access.withJpki((card) => readCardPerson({ card, trust: this.#trust, now: this.#clock() }));
  }

  get status(): DeskStatus {
    const { crl, authorities } = this.#trust;
    const now = this.#clock().getTime();
    return {
      ...this.sync.status,
      journalled: this.journal.lastSeq,
      crl:
        crl === null
          ? null
          : {
              ageSeconds: Math.max(0, Math.floor((now - crl.thisUpdate.getTime()) / 1000)),
              nextUpdate: crl.nextUpdate?.toISOString() ?? null,
            },
      authorities: authorities.length,
    };
  }
}
