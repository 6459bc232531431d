// The line nothing crosses: no SELECT by DF name may reach an application that holds the 12-digit
// My Number (FORBIDDEN_AIDS). Every reader's connection is wrapped here (CardReaderBase.connect), below
// every caller, so a bug or a crafted command higher up cannot read it.
import { parseCommand } from '../apdu/index.ts';
import { FORBIDDEN_AIDS } from '../jpki/card-ids.ts';
import { CardError } from './card-error.ts';
import type { CardConnection, TransmitOptions } from './card-reader.ts';

const INS_SELECT = 0xa4;
const P1_BY_DF_NAME = 0x04;

/**
 * True when the command is a SELECT by DF name that could land on a forbidden application: its AID
 * starts with a forbidden one, or is a prefix of one (partial names with "first/next occurrence"
 * select whatever matches, and an empty name may too). CLA is ignored, so logical channels and
 * chaining do not get around it; a SELECT by DF name that does not even parse is refused as well.
 */
export function isForbiddenSelect(apdu: Uint8Array): boolean {
  if (apdu.length < 4 || apdu[1] !== INS_SELECT || apdu[2] !== P1_BY_DF_NAME) return false;
  let name: Uint8Array;
  try {
    name = parseCommand(apdu).data ?? new Uint8Array(0);
  } catch {
    return true;
  }
  return FORBIDDEN_AIDS.some((aid) => startsWith(aid, name) || startsWith(name, aid));
}

/** Throws `card.forbidden-aid` for a command `isForbiddenSelect` refuses. */
export function assertAllowedCommand(apdu: Uint8Array): void {
  if (isForbiddenSelect(apdu)) {
    throw new CardError(
      'card.forbidden-aid',
      'refused a SELECT of an application that holds the My Number; it was not sent to the card',
    );
  }
}

/** The connection as callers see it: every command checked before the driver gets it. */
export function guardConnection(connection: CardConnection): CardConnection {
  return {
    reader: connection.reader,
    atr: connection.atr,
    async transmit(apdu: Uint8Array, options?: TransmitOptions) {
      // A copy: a driver may queue the command, and the caller's buffer could change meanwhile.
      const command = Uint8Array.from(apdu);
      assertAllowedCommand(command);
      return connection.transmit(command, options);
    },
    disconnect: () => connection.disconnect(),
  };
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}
