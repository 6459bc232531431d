// The check-in desk of a shelter terminal: the journal, its sync, the cached card trust and the card, put
// together for the local API's shelter routes. A tap is journalled (on disk) before it is answered, then the
// sync is woken to send it.
import type { ShelterStatusResponse as DeskStatus } from '../local-api/contracts.ts';
import type { CardAccess } from '../session/card-access.ts';
import { type TapResult, tapCheckIn } from './card-tap.ts';
import { type CardTrust, loadCardTrust } from './card-trust.ts';
import type { CheckinJournal } from './checkin-journal.ts';
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
