import { describe, expect, it } from 'vitest';
import { encodeCommand } from '../apdu/index.ts';
import { FORBIDDEN_AIDS, JPKI_AID } from '../jpki/card-ids.ts';
import { isCardError } from './card-error.ts';
import type { CardConnection } from './card-reader.ts';
import { guardConnection, isForbiddenSelect } from './forbidden-aid-guard.ts';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));
const KENHOJO = 'D3921000310001010408';
const KENKAKU = 'D3921000310001010402';

describe('forbidden-AID guard', () => {
  it('knows the two My Number APs from card-ids', () => {
    expect(FORBIDDEN_AIDS.map((a) => Buffer.from(a).toString('hex').toUpperCase())).toEqual([
      KENHOJO,
      KENKAKU,
    ]);
  });

  it('refuses SELECT by DF name of either AP, in any P2 or CLA', () => {
    for (const aid of [KENHOJO, KENKAKU]) {
      expect(isForbiddenSelect(hex(`00A4040C0A${aid}`))).toBe(true);
      expect(isForbiddenSelect(hex(`00A404000A${aid}00`))).toBe(true); // FCI wanted, case 4
      expect(isForbiddenSelect(hex(`01A4040C0A${aid}`))).toBe(true); // logical channel 1
      expect(isForbiddenSelect(hex(`10A4040C0A${aid}`))).toBe(true); // command chaining
      expect(isForbiddenSelect(hex(`0CA4040C0A${aid}`))).toBe(true); // secure messaging bits
    }
  });

  it('refuses partial names that could select them, longer names and the empty name', () => {
    expect(isForbiddenSelect(hex('00A4040207D3921000310001'))).toBe(true); // next occurrence
    expect(isForbiddenSelect(hex('00A4040002D392'))).toBe(true); // shares a prefix with JPKI too
    expect(isForbiddenSelect(hex('00A4040001D3'))).toBe(true);
    expect(isForbiddenSelect(hex(`00A4040C0B${KENHOJO}FF`))).toBe(true);
    expect(isForbiddenSelect(hex('00A40400'))).toBe(true); // no name at all
    expect(isForbiddenSelect(hex(`00A4040C${KENHOJO}`))).toBe(true); // does not parse
  });

  it('lets the JPKI AP, other APs, EF selects and other commands through', () => {
    const jpki = Buffer.from(JPKI_AID).toString('hex');
    expect(isForbiddenSelect(hex(`00A4040C0A${jpki}`))).toBe(false);
    expect(isForbiddenSelect(hex('00A4040C07A0000001510000'))).toBe(false); // GP ISD
    expect(isForbiddenSelect(hex('00A4040C0AD3921000310001010401'))).toBe(false); // 住基AP
    expect(isForbiddenSelect(hex('00A4020C020001'))).toBe(false);
    expect(isForbiddenSelect(hex(`00B0040C0A${KENHOJO}`))).toBe(false);
    expect(isForbiddenSelect(hex('00A4'))).toBe(false);
  });

  it('wraps a connection so a refused command never reaches the driver', async () => {
    const sent: Uint8Array[] = [];
    const raw: CardConnection = {
      reader: 'r',
      atr: new Uint8Array([0x3b]),
      transmit: async (apdu) => {
        sent.push(apdu);
        return hex('9000');
      },
      disconnect: async () => {},
    };
    const guarded = guardConnection(raw);
    const forbidden = encodeCommand({ cla: 0, ins: 0xa4, p1: 4, p2: 0x0c, data: hex(KENHOJO) });
    const error = await guarded.transmit(forbidden).catch((e: unknown) => e);
    expect(isCardError(error, 'card.forbidden-aid')).toBe(true);
    expect(sent).toHaveLength(0);

    const allowed = hex('00A4020C020001');
    await expect(guarded.transmit(allowed)).resolves.toEqual(hex('9000'));
    allowed[4] = 0xff; // the driver got a copy, checked before the caller could change it
    expect(sent[0]).toEqual(hex('00A4020C020001'));
  });
});
