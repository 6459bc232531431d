import { beforeAll, describe, expect, it } from 'vitest';
import { ApduError } from '../apdu/index.ts';
import type { CardConnection } from '../card/card-reader.ts';
import { VirtualReader } from '../card/virtual-reader.ts';
import { createTestCardContents, placeholderDer, type TestCard } from '../virtual-card/test-card-contents.ts';
import { VirtualJpkiCard } from '../virtual-card/virtual-jpki-card.ts';
import { describeJpkiClient } from './jpki-client.cases.ts';
import { JpkiClient } from './jpki-client.ts';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

let testCard: TestCard;
beforeAll(() => {
  testCard = createTestCardContents();
});

describeJpkiClient('over the virtual reader', async () => {
  const { contents, publicKeys } = testCard;
  const reader = new VirtualReader({ card: new VirtualJpkiCard({ contents }) });
  return {
    connection: await reader.connect(),
    certificates: {
      auth: contents.certs.auth,
      sign: contents.certs.sign,
      'auth-ca': contents.caCerts.auth,
      'sign-ca': contents.caCerts.sign,
    },
    publicKeys,
    secrets: contents.secrets,
    close: () => reader.close(),
  };
});

type Tamper = (command: string, response: Uint8Array) => Uint8Array;

/** A connection straight to a virtual card, logging commands (hex) and letting a test alter answers. */
function scriptedConnection(
  options: { tamper?: Tamper; certs?: Partial<TestCard['contents']['certs']> } = {},
) {
  const contents = { ...testCard.contents, certs: { ...testCard.contents.certs, ...options.certs } };
  const card = new VirtualJpkiCard({ contents });
  const log: string[] = [];
  const connection: CardConnection = {
    reader: 'scripted',
    atr: card.atr,
    transmit: async (apdu) => {
      const command = toHex(apdu);
      log.push(command);
      const response = card.transmit(apdu);
      return options.tamper ? options.tamper(command, response) : response;
    },
    disconnect: async () => {},
  };
  return { client: new JpkiClient(connection), log };
}

describe('JpkiClient APDUs and failures', () => {
  it('sizes a certificate from its header and reads it in short chunks, the last one exact', async () => {
    const { client, log } = scriptedConnection({ certs: { auth: placeholderDer(700, 0x11) } });
    const der = await client.readCertificate('auth');
    expect(der.length).toBe(700);
    expect(log).toEqual([
      '00A4040C0AD392F000260100000001',
      '00A4020C02000A',
      '00B0000005',
      '00B0000500', // offset 5, Le 256
      '00B0010500', // offset 261, Le 256
      '00B00205B7', // offset 517, the remaining 183
    ]);
  });

  it('selects the AP once per connection and sends one VERIFY per wrong PIN', async () => {
    const { client, log } = scriptedConnection();
    await expect(client.verifyPin('auth', '9999')).rejects.toMatchObject({
      code: 'card.pin-wrong',
      triesLeft: 2,
    });
    await client.triesLeft('auth');
    expect(log.filter((c) => c.startsWith('00A40404') || c.startsWith('00A4040C'))).toHaveLength(1);
    expect(log.filter((c) => c.startsWith('0020008004'))).toEqual(['002000800439393939']);
    expect(log.filter((c) => c === '00200080')).toHaveLength(1);
  });

  it('never puts the PIN in an error message', async () => {
    const { client } = scriptedConnection();
    const error = (await client.verifyPin('sign', 'zzz999').catch((e: unknown) => e)) as Error;
    expect(error.message).not.toMatch(/zzz999/i);
    const format = (await client.verifyPin('auth', '12a4').catch((e: unknown) => e)) as Error;
    expect(format.message).not.toContain('12a4');
  });

  it('upper-cases the signature password before sending it', async () => {
    const { client, log } = scriptedConnection();
    await client.verifyPin('sign', 'abc123');
    expect(log.at(-1)).toBe(`0020008006${toHex(new TextEncoder().encode('ABC123'))}`);
  });

  it('refuses a truncated certificate', async () => {
    const { client } = scriptedConnection({
      tamper: (cmd, res) =>
        cmd.startsWith('00B00105') ? Uint8Array.from([...res.subarray(0, 100), 0x90, 0]) : res,
    });
    await expect(client.readCertificate('auth-ca')).rejects.toMatchObject({ code: 'card.bad-response' });
  });

  it('refuses a header announcing more than the file holds, or more than 32 KiB, or no certificate', async () => {
    const longer = placeholderDer(700, 0x22);
    longer.set([0x03, 0x00], 2); // says 772 bytes of content, the EF holds 700
    const endsEarly = scriptedConnection({ certs: { auth: longer } });
    await expect(endsEarly.client.readCertificate('auth')).rejects.toMatchObject({
      code: 'card.bad-response',
    });

    const huge = Uint8Array.from([0x30, 0x83, 0x01, 0x00, 0x00, ...new Uint8Array(300)]);
    const oversized = scriptedConnection({ certs: { auth: huge } });
    await expect(oversized.client.readCertificate('auth')).rejects.toMatchObject({
      code: 'card.bad-response',
    });

    const filler = scriptedConnection({ certs: { auth: new Uint8Array(300).fill(0xff) } });
    await expect(filler.client.readCertificate('auth')).rejects.toMatchObject({ code: 'card.bad-response' });
  });

  it('refuses a chunk longer than asked for', async () => {
    const { client } = scriptedConnection({
      tamper: (cmd, res) =>
        cmd === '00B0000005' ? Uint8Array.from([0x30, 0x82, 4, 0x4c, 1, 2, 0x90, 0]) : res,
    });
    await expect(client.readCertificate('auth')).rejects.toMatchObject({ code: 'card.bad-response' });
  });

  it('maps the status words: no JPKI AP, blocked, unexpected, and a 9000 tries answer', async () => {
    const notJpki = scriptedConnection({
      tamper: (cmd, res) => (cmd.startsWith('00A4040C') ? hex('6A82') : res),
    });
    await expect(notJpki.client.readTokenInfo()).rejects.toMatchObject({ code: 'card.not-jpki', sw: 0x6a82 });

    const blocked = scriptedConnection({
      tamper: (cmd, res) => (cmd.startsWith('00200080') ? hex('6984') : res),
    });
    await expect(blocked.client.verifyPin('auth', '1234')).rejects.toMatchObject({
      code: 'card.pin-blocked',
      triesLeft: 0,
    });
    expect(await blocked.client.triesLeft('auth')).toBe(0);

    const verified = scriptedConnection({ tamper: (cmd, res) => (cmd === '00200080' ? hex('9000') : res) });
    expect(await verified.client.triesLeft('sign')).toBe(5);

    const odd = scriptedConnection({ tamper: (cmd, res) => (cmd === '00A4020C020006' ? hex('6A86') : res) });
    const error = await odd.client.readTokenInfo().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApduError);
    expect(error).toMatchObject({ code: 'apdu.status', sw: 0x6a86 });
  });

  it('refuses a DigestInfo the card cannot pad, and a signature of the wrong size', async () => {
    const { client, log } = scriptedConnection();
    await expect(client.signDigestInfo('auth', new Uint8Array(246))).rejects.toMatchObject({
      code: 'card.bad-input',
    });
    await expect(client.signDigestInfo('auth', new Uint8Array(0))).rejects.toMatchObject({
      code: 'card.bad-input',
    });
    expect(log).toEqual([]);

    const short = scriptedConnection({
      tamper: (cmd, res) =>
        cmd.startsWith('802A') ? Uint8Array.from([...res.subarray(0, 128), 0x90, 0]) : res,
    });
    await short.client.verifyPin('auth', '1234');
    await expect(short.client.signWithAuthKey(new Uint8Array(8))).rejects.toMatchObject({
      code: 'card.bad-response',
    });
  });
});
