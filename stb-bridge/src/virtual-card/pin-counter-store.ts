// Persistent retry counters of a card's two secrets, keyed by holder id, so a blocked key stays blocked
// across restarts like on a real card. Only counters are stored, never a secret.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_TRIES } from '../jpki/card-ids.ts';
import { writeFileAtomicSync } from '../storage/atomic-file.ts';
import type { PinPurpose } from './card-contents.ts';
import { VirtualCardError } from './virtual-card-error.ts';

/** Tries left per secret. */
export type TriesLeft = Record<PinPurpose, number>;

/** Synchronous, because the card answers each APDU synchronously and must persist before answering. */
export interface PinCounterStore {
  /** The saved counters, or fresh ones (3 and 5) for a holder never seen. */
  load(holderId: string): TriesLeft;
  save(holderId: string, triesLeft: TriesLeft): void;
}

export const DEFAULT_STATE_DIR = './data/cards';

const HOLDER_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function freshTriesLeft(): TriesLeft {
  return { auth: MAX_TRIES.auth, sign: MAX_TRIES.sign };
}

/** Keeps counters in memory only (unit tests, throw-away cards). */
export function createMemoryPinCounterStore(): PinCounterStore {
  const saved = new Map<string, TriesLeft>();
  return {
    load: (holderId) => ({ ...(saved.get(holderId) ?? freshTriesLeft()) }),
    save: (holderId, triesLeft) => void saved.set(holderId, { ...triesLeft }),
  };
}

/**
 * One JSON file per holder in `dir` (default ./data/cards), written atomically (temp file, fsync,
 * rename) so a crash mid-write never loses or resets a counter. One file per holder keeps cards of
 * different holders in other processes from overwriting each other.
 */
export function createFilePinCounterStore(options: { dir?: string } = {}): PinCounterStore {
  const dir = options.dir ?? DEFAULT_STATE_DIR;
  const fileOf = (holderId: string) => {
    if (!HOLDER_ID.test(holderId)) {
      throw new VirtualCardError(
        'virtual-card.state-invalid',
        `holder id ${JSON.stringify(holderId)} is not a safe file name`,
      );
    }
    return join(dir, `${holderId}.json`);
  };
  return {
    load(holderId) {
      const file = fileOf(holderId);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return freshTriesLeft();
        throw new VirtualCardError('virtual-card.state-invalid', `cannot read ${file}`, { cause: err });
      }
      return parseState(text, file);
    },
    save(holderId, triesLeft) {
      const file = fileOf(holderId);
      try {
        mkdirSync(dir, { recursive: true });
        writeFileAtomicSync(file, `${JSON.stringify({ triesLeft }, null, 2)}\n`, { mode: 0o600 });
      } catch (err) {
        throw new VirtualCardError('virtual-card.state-write-failed', `cannot write ${file}`, { cause: err });
      }
    },
  };
}

function parseState(text: string, file: string): TriesLeft {
  try {
    const { triesLeft } = JSON.parse(text) as { triesLeft?: Record<string, unknown> };
    const out = freshTriesLeft();
    for (const purpose of ['auth', 'sign'] as const) {
      const v = triesLeft?.[purpose];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_TRIES[purpose]) {
        throw new Error(`triesLeft.${purpose} is not an integer in 0–${MAX_TRIES[purpose]}`);
      }
      out[purpose] = v;
    }
    return out;
  } catch (err) {
    throw new VirtualCardError('virtual-card.state-invalid', `${file} is not a card state file`, {
      cause: err,
    });
  }
}
