import { constants, createHash, publicDecrypt, verify } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryPinCounterStore } from './pin-counter-store.ts';
import { createTestCardContents, type TestCard } from './test-card-contents.ts';
import { VirtualJpkiCard } from './virtual-jpki-card.ts';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const ascii = (s: string) => toHex(Buffer.from(s, 'ascii'));

const JPKI_AID = 'D392F000260100000001';
const SELECT_JPKI = `00A4040C0A${JPKI_AID}`;
const selectEf = (fid: string) => `00A4020C02${fid}`;
const verifyPin = (pin: string, p2 = '80') =>
  `002000${p2}${pin.length.toString(16).padStart(2, '0')}${ascii(pin)}`;
const SHA256_PREFIX = '3031300d060960864801650304020105000420';
const digestInfo = (data: string) => SHA256_PREFIX + createHash('sha256').update(data).digest('hex');
const signApdu = (input: string, p2 = '80') =>
  `802A00${p2}${(input.length / 2).toString(16).padStart(2, '0')}${input}00`;

let fixture: TestCard;
beforeAll(() => {
  fixture = createTestCardContents();
});

/** A fresh card; `send` returns { data, sw } with sw as 4 hex digits. */
function newCard(store = createMemoryPinCounterStore()) {
  const card = new VirtualJpkiCard({ contents: fixture.contents, pinCounters: store });
  const send = (apdu: string) => {
    const r = card.transmit(hex(apdu));
    return { data: r.subarray(0, -2), sw: toHex(r.subarray(-2)) };
  };
  const sw = (apdu: string) => send(apdu).sw;
  return { card, send, sw, store };
}

describe('power-on state and SELECT', () => {
  it('has the contact ATR and starts in the ISD with no JPKI file reachable', () => {
    const { card, sw } = newCard();
    expect(toHex(card.atr)).toBe('3BE000FF8131FE4514');
    expect(sw(selectEf('000A'))).toBe('6A82');
    expect(sw('00B0000004')).toBe('6986');
    expect(sw('00B08A0004')).toBe('6A82');
    expect(sw('00200080')).toBe('6986');
    expect(sw('00200098')).toBe('6A82');
    expect(sw(signApdu(digestInfo('x')))).toBe('6986');
    expect(sw('00A40000')).toBe('6A86');
    expect(sw('00A40000023F00')).toBe('6A82');
  });

  it('selects the JPKI AP with P2=0C (no data) and P2=00 (minimal FCI)', () => {
    const { send } = newCard();
    expect(send(SELECT_JPKI)).toEqual({ data: new Uint8Array(0), sw: '9000' });
    const fci = send(`00A404000A${JPKI_AID}00`);
    expect(fci.sw).toBe('9000');
    expect(toHex(fci.data)).toBe(`6F0C840A${JPKI_AID}`);
    expect(send(`00A404040A${JPKI_AID}`).sw).toBe('6A86');
  });

  it('answers 6A82 to unknown AIDs and to the My Number APs, never with data', () => {
    const { send } = newCard();
    for (const aid of [
      'D3921000310001010408',
      'D3921000310001010402',
      'D3921000310001010401',
      'A000000308000010000100',
      'D392F0002601',
    ]) {
      expect(send(`00A4040C${(aid.length / 2).toString(16).padStart(2, '0')}${aid}`)).toEqual({
        data: new Uint8Array(0),
        sw: '6A82',
      });
      expect(send(`00A40400${(aid.length / 2).toString(16).padStart(2, '0')}${aid}00`).data.length).toBe(0);
    }
  });

  it('selects every JPKI EF, and answers 6A82 to unknown ones', () => {
    const { sw } = newCard();
    sw(SELECT_JPKI);
    for (const fid of ['0001', '0002', '0006', '0008', '000A', '000B', '0017', '0018', '001A', '001B']) {
      expect(sw(selectEf(fid)), fid).toBe('9000');
    }
    expect(sw(selectEf('0005'))).toBe('6A82');
    expect(sw(selectEf('3F00'))).toBe('6A82');
    expect(sw('00A4020C01AA')).toBe('6700');
    expect(sw('00A4020002000A')).toBe('6A86');
  });
});

describe('READ BINARY', () => {
  it('reads with 15-bit offsets and short Le, returning fewer bytes with 9000 at the end of the file', () => {
    const { send } = newCard();
    send(SELECT_JPKI);
    send(selectEf('000A'));
    const cert = fixture.contents.certs.auth;
    expect(toHex(send('00B0000004').data)).toBe(toHex(cert.subarray(0, 4)));
    expect(send('00B0000000').data).toEqual(cert.subarray(0, 256));
    expect(send('00B0010000').data).toEqual(cert.subarray(256, 512));
    const tail = send('00B0040000'); // offset 1024 of 1100
    expect(tail).toEqual({ data: cert.subarray(1024), sw: '9000' });
    expect(send('00B0044C01').sw).toBe('6B00'); // offset 1100 = end
    expect(send('00B07FFF01').sw).toBe('6B00');
  });

  it('reads by SFI (8-bit offset) and makes that EF current', () => {
    const { send } = newCard();
    send(SELECT_JPKI);
    const caCert = fixture.contents.caCerts.auth;
    expect(send('00B08B1002').data).toEqual(caCert.subarray(0x10, 0x12));
    expect(send('00B0000002').data).toEqual(caCert.subarray(0, 2));
    expect(send('00B09F0001').sw).toBe('6A82');
    expect(send('00B0800001').sw).toBe('6A82');
    expect(send('00B0CB0001').sw).toBe('6A86');
  });

  it('reads a whole file with extended Le 65536', () => {
    const { send } = newCard();
    send(SELECT_JPKI);
    expect(send('00B08A00000000')).toEqual({ data: fixture.contents.certs.auth, sw: '9000' });
    expect(send('00B00100000000')).toEqual({ data: fixture.contents.certs.auth.subarray(256), sw: '9000' });
  });

  it('serves token info and certificate flags', () => {
    const { send } = newCard();
    send(SELECT_JPKI);
    const token = send('00B0860000').data;
    expect(token.length).toBe(160);
    expect(Buffer.from(token.subarray(0, 32)).toString('ascii')).toBe('JPKIAPICCTOKEN2'.padEnd(32, ' '));
    expect(Buffer.from(token).readUInt32BE(96)).toBe(0x40d);
    expect(Buffer.from(token).readUInt32BE(116)).toBe(16);
    expect(Buffer.from(token).readUInt32BE(120)).toBe(6);
    expect(Buffer.from(token.subarray(140, 144)).toString('ascii')).toBe('0301');
    expect(toHex(send('00B0880000').data)).toBe('8F8F00');
  });

  it('refuses key and PIN EFs with 6981', () => {
    const { sw } = newCard();
    sw(SELECT_JPKI);
    for (const fid of ['0017', '0018', '001A', '001B']) {
      sw(selectEf(fid));
      expect(sw('00B0000001'), fid).toBe('6981');
    }
    expect(sw('00B0970001')).toBe('6981');
  });

  it('reads the signature certificate only after the signature password', () => {
    const { send, sw } = newCard();
    sw(SELECT_JPKI);
    sw(selectEf('0001'));
    expect(sw('00B0000004')).toBe('6982');
    expect(sw('00B0810004')).toBe('6982');
    sw(selectEf('001B'));
    expect(sw(verifyPin('ABC123'))).toBe('9000');
    sw(selectEf('0001'));
    expect(send('00B0000004').data).toEqual(fixture.contents.certs.sign.subarray(0, 4));
    expect(send('00B08100000000').data).toEqual(fixture.contents.certs.sign);
  });

  it('answers malformed lengths with 6700', () => {
    const { sw } = newCard();
    sw(SELECT_JPKI);
    sw(selectEf('000A'));
    expect(sw('00B00000')).toBe('6700');
    expect(sw('00B0000001AA')).toBe('6700');
  });
});

describe('VERIFY', () => {
  it('reports tries without using one, also when verified', () => {
    const { sw } = newCard();
    sw(SELECT_JPKI);
    sw(selectEf('0018'));
    expect(sw('00200080')).toBe('63C3');
    expect(sw('00200080')).toBe('63C3');
    expect(sw('0020009B')).toBe('63C5');
    expect(sw(verifyPin('1234'))).toBe('9000');
    expect(sw('00200080')).toBe('63C3');
  });

  it('counts wrong PINs down, blocks at 63C0, then answers 6984', () => {
    const { card, sw } = newCard();
    sw(SELECT_JPKI);
    sw(selectEf('0018'));
    expect(sw(verifyPin('0000'))).toBe('63C2');
    expect(sw(verifyPin('0000'))).toBe('63C1');
    expect(sw(verifyPin('0000'))).toBe('63C0');
    expect(sw(verifyPin('0000'))).toBe('6984');
    expect(sw(verifyPin('1234'))).toBe('6984');
    expect(sw('00200080')).toBe('63C0');
    expect(card.triesLeft()).toEqual({ auth: 0, sign: 5 });
    sw(selectEf('0017'));
    expect(sw(signApdu(digestInfo('x')))).toBe('6982');
  });

  it('gives the signature password 5 tries and resets the counter on success', () => {
    const { sw } = newCard();
    sw(SELECT_JPKI);
    expect(sw(verifyPin('WRONG1', '9B'))).toBe('63C4');
    expect(sw(verifyPin('abc123', '9B'))).toBe('63C3'); // bytes compared, no case folding
    expect(sw(verifyPin('ABC123', '9B'))).toBe('9000');
    expect(sw('0020009B')).toBe('63C5');
    for (const left of [4, 3, 2, 1, 0]) expect(sw(verifyPin('WRONG1', '9B'))).toBe(`63C${left}`);
    expect(sw(verifyPin('ABC123', '9B'))).toBe('6984');
  });

  it('needs a PIN EF and valid parameters', () => {
    const { sw } = newCard();
    sw(SELECT_JPKI);
    expect(sw('00200080')).toBe('6986');
    sw(selectEf('000A'));
    expect(sw('00200080')).toBe('6981');
    expect(sw('00200097')).toBe('6981');
    expect(sw('0020009F')).toBe('6A82');
    expect(sw('00200000')).toBe('6A86');
    expect(sw('00200180')).toBe('6A86');
    expect(sw('0020008000')).toBe('6700');
  });

  it('drops the verified state on a wrong attempt', () => {
    const { sw } = newCard();
    sw(SELECT_JPKI);
    sw(selectEf('0018'));
    sw(verifyPin('1234'));
    sw(verifyPin('9999'));
    sw(selectEf('0017'));
    expect(sw(signApdu(digestInfo('x')))).toBe('6982');
  });
});

describe('COMPUTE DIGITAL SIGNATURE', () => {
  it('pads PKCS#1 v1.5 type 1 and signs with the auth key after the PIN', () => {
    const { send, sw } = newCard();
    sw(SELECT_JPKI);
    sw(selectEf('0017'));
    expect(sw(signApdu(digestInfo('hello')))).toBe('6982');
    sw(selectEf('0018'));
    sw(verifyPin('1234'));
    sw(selectEf('0017'));
    const r = send(signApdu(digestInfo('hello')));
    expect(r.sw).toBe('9000');
    expect(r.data.length).toBe(256);
    expect(verify('sha256', Buffer.from('hello'), fixture.publicKeys.auth, r.data)).toBe(true);
    // deterministic, and the same through P2 = 80|SFI
    expect(send(signApdu(digestInfo('hello'), '97')).data).toEqual(r.data);
  });

  it('signs with the sign key only after the signature password', () => {
    const { send, sw } = newCard();
    sw(SELECT_JPKI);
    sw(verifyPin('1234', '98'));
    expect(sw(signApdu(digestInfo('doc'), '9A'))).toBe('6982');
    sw(verifyPin('ABC123', '9B'));
    const r = send(signApdu(digestInfo('doc'), '9A'));
    expect(verify('sha256', Buffer.from('doc'), fixture.publicKeys.sign, r.data)).toBe(true);
  });

  it('pads any input of 1–245 bytes verbatim and refuses other lengths', () => {
    const { send, sw } = newCard();
    sw(SELECT_JPKI);
    sw(verifyPin('1234', '98'));
    for (const n of [1, 245]) {
      const input = 'AB'.repeat(n);
      const r = send(signApdu(input, '97'));
      expect(r.sw).toBe('9000');
      const recovered = publicDecrypt(
        { key: fixture.publicKeys.auth, padding: constants.RSA_PKCS1_PADDING },
        r.data,
      );
      expect(toHex(recovered)).toBe(input);
    }
    expect(sw('802A0097')).toBe('6700');
    expect(sw(`802A009700 00F6${'AB'.repeat(246)}0000`)).toBe('6985');
    expect(sw(`802A0097${'20'}${'AB'.repeat(32)}10`)).toBe('6700');
  });

  it('needs a key EF, P1 00 and CLA 80', () => {
    const { sw } = newCard();
    sw(SELECT_JPKI);
    sw(verifyPin('1234', '98'));
    expect(sw(signApdu(digestInfo('x')))).toBe('6986');
    sw(selectEf('000A'));
    expect(sw(signApdu(digestInfo('x')))).toBe('6981');
    expect(sw(`802A0197${'33'}${digestInfo('x')}00`)).toBe('6A86');
    expect(sw(`802A0000${'33'}${digestInfo('x')}00`)).toBe('6A86');
    expect(sw(`002A0097${'33'}${digestInfo('x')}00`)).toBe('6E00');
  });
});

describe('security state', () => {
  it('survives SELECT EF, is cleared by re-selecting the AP and by reset', () => {
    const { card, sw } = newCard();
    sw(SELECT_JPKI);
    sw(selectEf('001B'));
    sw(verifyPin('ABC123'));
    sw(selectEf('0002'));
    sw(selectEf('0001'));
    expect(sw('00B0000004')).toBe('9000');
    sw(SELECT_JPKI);
    sw(selectEf('0001'));
    expect(sw('00B0000004')).toBe('6982');
    sw(verifyPin('ABC123', '9B'));
    expect(sw('00A4040C07A0000001510000')).toBe('9000'); // back to the ISD: JPKI files gone
    expect(sw('00B0000004')).toBe('6986');
    sw(SELECT_JPKI);
    expect(sw('00B0810004')).toBe('6982');
    sw(verifyPin('ABC123', '9B'));
    card.reset();
    expect(sw(selectEf('0001'))).toBe('6A82');
    sw(SELECT_JPKI);
    sw(selectEf('0001'));
    expect(sw('00B0000004')).toBe('6982');
  });

  it('keeps counters across a reset and in a new instance sharing the store', () => {
    const first = newCard();
    first.sw(SELECT_JPKI);
    first.sw(verifyPin('0000', '98'));
    first.card.reset();
    first.sw(SELECT_JPKI);
    expect(first.sw('00200098')).toBe('63C2');
    const second = newCard(first.store);
    second.sw(SELECT_JPKI);
    expect(second.sw('00200098')).toBe('63C2');
  });
});

describe('class byte and malformed commands', () => {
  it('refuses logical channels, secure messaging and unknown classes', () => {
    const { sw } = newCard();
    expect(sw(`01A4040C0A${JPKI_AID}`)).toBe('6881');
    expect(sw(`40A4040C0A${JPKI_AID}`)).toBe('6881');
    expect(sw(`0CA4040C0A${JPKI_AID}`)).toBe('6882');
    expect(sw(`08A4040C0A${JPKI_AID}`)).toBe('6882');
    sw(SELECT_JPKI);
    sw(selectEf('000A'));
    expect(sw('0CB0000004')).toBe('69FC');
    expect(sw('08200098')).toBe('69FC');
    expect(sw('FFB0000004')).toBe('6E00');
    expect(sw('10B0000004')).toBe('6E00');
    expect(sw('80B0000004')).toBe('6E00');
  });

  it('answers garbage with 6700 and unknown instructions with 6D00, never throwing', () => {
    const { card, sw } = newCard();
    for (const bad of ['', '00', '00A404', '00A4040C05D392', '00B000000001']) {
      expect(toHex(card.transmit(hex(bad))), bad).toBe('6700');
    }
    expect(sw('00CA5F5100')).toBe('6D00');
    expect(sw('0084000008')).toBe('6D00');
  });
});
