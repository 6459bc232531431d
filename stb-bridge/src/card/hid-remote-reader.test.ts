import { once } from 'node:events';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeJpkiClient } from '../jpki/jpki-client.cases.ts';
import { createTestCardContents, type TestCard } from '../virtual-card/test-card-contents.ts';
import { VirtualJpkiCard } from '../virtual-card/virtual-jpki-card.ts';
import { isCardError } from './card-error.ts';
import { describeCardReader } from './card-reader.cases.ts';
import { RemoteErrorCode } from './hid-remote-protocol.ts';
import { HID_REMOTE_READER_NAME, HidRemoteReader } from './hid-remote-reader.ts';
import { REMOTE_KEY_CODES, type RemoteKeyEvent } from './remote-keys.ts';
import { ScriptedHidRemote } from './scripted-hid-remote.ts';

const SELECT_JPKI = Uint8Array.from(Buffer.from('00A4040C0AD392F000260100000001', 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

let testCard: TestCard;
beforeAll(() => {
  testCard = createTestCardContents();
});
const newCard = () => new VirtualJpkiCard({ contents: testCard.contents });

describeCardReader('HID remote (scripted device)', async () => {
  const device = new ScriptedHidRemote();
  const reader = new HidRemoteReader(device);
  const card = newCard();
  return {
    reader,
    readerName: HID_REMOTE_READER_NAME,
    insert: async () => device.insert(card),
    remove: async () => device.remove(),
    commandsSeen: () => device.commands,
    close: () => reader.close(),
  };
});

describeJpkiClient('over the HID remote', async () => {
  const { contents, publicKeys } = testCard;
  const device = new ScriptedHidRemote();
  const reader = new HidRemoteReader(device);
  device.insert(newCard());
  await reader.waitForCard({ timeoutMs: 1_000 });
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

/** A reader on a scripted remote holding a fresh card, connected. */
async function connected() {
  const device = new ScriptedHidRemote();
  const reader = new HidRemoteReader(device);
  device.insert(newCard());
  await reader.waitForCard({ timeoutMs: 1_000 });
  return { device, reader, connection: await reader.connect() };
}

describe('HidRemoteReader', () => {
  it('learns a card inserted before it started from the HELLO answer', async () => {
    const device = new ScriptedHidRemote();
    device.insert(newCard());
    const reader = new HidRemoteReader(device);
    const presence = await reader.waitForCard({ timeoutMs: 1_000 });
    expect(toHex(presence.atr)).toBe('3BE000FF8131FE4514');
    expect(device.received[0]).toEqual({ type: 'hello', version: 1 });
    await reader.close();
  });

  it('exposes key presses, ignoring codes it does not know', async () => {
    const device = new ScriptedHidRemote();
    const reader = new HidRemoteReader(device);
    const keys: RemoteKeyEvent[] = [];
    reader.keys.on('key', (event) => keys.push(event));
    device.pressKey(REMOTE_KEY_CODES.red, 1);
    device.pressKey(0x7e, 1);
    device.pressKey(REMOTE_KEY_CODES['7'], 2);
    device.pressKey(REMOTE_KEY_CODES.ok, 0);
    await once(reader.keys, 'key');
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(keys).toEqual([
      { key: 'red', action: 'press' },
      { key: '7', action: 'repeat' },
      { key: 'ok', action: 'release' },
    ]);
    await reader.close();
  });

  it('carries a long APDU over several reports each way', async () => {
    const { device, reader, connection } = await connected();
    await connection.transmit(SELECT_JPKI);
    // An extended READ BINARY of a whole certificate: one command report, a 1100-byte answer in 20.
    await connection.transmit(Uint8Array.from(Buffer.from('00A4020C02000A', 'hex')));
    const read = Uint8Array.from(Buffer.from('00B00000000000', 'hex'));
    const response = await connection.transmit(read);
    expect(response.length).toBe(1102);
    expect(toHex(response.subarray(-2))).toBe('9000');
    expect(device.commands.at(-1)).toEqual(read);
    await reader.close();
  });

  it('gives up on a mute card with card.timeout, aborts the exchange, and goes on', async () => {
    const { device, reader, connection } = await connected();
    device.behaviour = 'mute';
    const error = await connection.transmit(SELECT_JPKI, { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(isCardError(error, 'card.timeout')).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(device.received.at(-1)).toMatchObject({ type: 'abort' });
    device.behaviour = 'normal';
    expect(toHex(await connection.transmit(SELECT_JPKI))).toBe('9000');
    await reader.close();
  });

  it('fails with card.removed when the card leaves mid-command', async () => {
    const { device, reader, connection } = await connected();
    device.behaviour = 'remove-mid-command';
    const error = await connection.transmit(SELECT_JPKI).catch((e: unknown) => e);
    expect(isCardError(error, 'card.removed')).toBe(true);
    await reader.close();
  });

  it('refuses a response with a missing fragment', async () => {
    const { device, reader, connection } = await connected();
    await connection.transmit(SELECT_JPKI);
    await connection.transmit(Uint8Array.from(Buffer.from('00A4020C02000A', 'hex')));
    device.behaviour = 'skip-fragment';
    const error = await connection
      .transmit(Uint8Array.from(Buffer.from('00B0000000', 'hex')))
      .catch((e) => e);
    expect(isCardError(error, 'card.transport')).toBe(true);
    await reader.close();
  });

  it('maps device error codes and an unplugged device', async () => {
    const { device, reader, connection } = await connected();
    device.behaviour = 'mute';
    const pending = connection.transmit(SELECT_JPKI).catch((e: unknown) => e);
    await new Promise((resolve) => setImmediate(resolve));
    device.inject({ type: 'error', exchange: 0, code: RemoteErrorCode.BUSY });
    expect(isCardError(await pending, 'card.transport')).toBe(true);

    const lost = connection.transmit(SELECT_JPKI).catch((e: unknown) => e);
    const removed = once(reader, 'reader-removed');
    await new Promise((resolve) => setImmediate(resolve));
    device.unplug();
    expect(isCardError(await lost, 'card.transport')).toBe(true);
    await removed;
    await reader.close();
  });

  it('resets the card on disconnect, clearing its verified PIN', async () => {
    const { device, reader, connection } = await connected();
    await connection.transmit(SELECT_JPKI);
    await connection.disconnect();
    expect(device.received.at(-1)).toEqual({ type: 'reset' });
    const again = await reader.connect();
    // After the reset the JPKI AP is no longer selected: EF selects fail until it is.
    expect(toHex(await again.transmit(Uint8Array.from(Buffer.from('00A4020C020018', 'hex'))))).toBe('6A82');
    await reader.close();
  });
});
