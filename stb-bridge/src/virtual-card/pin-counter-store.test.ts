import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFilePinCounterStore } from './pin-counter-store.ts';
import { createTestCardContents, type TestCard } from './test-card-contents.ts';
import { VirtualCardError } from './virtual-card-error.ts';
import { VirtualJpkiCard } from './virtual-jpki-card.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'myna-card-state-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

let fixture: TestCard;
beforeAll(() => {
  fixture = createTestCardContents('persisted-holder');
});

const sw = (card: VirtualJpkiCard, apdu: string) =>
  Buffer.from(card.transmit(Buffer.from(apdu, 'hex')).subarray(-2))
    .toString('hex')
    .toUpperCase();
const SELECT_JPKI = '00A4040C0AD392F000260100000001';

describe('file PIN counter store', () => {
  it('starts fresh, and keeps counters and blocked keys for a new card instance', () => {
    const dir = tempDir();
    const open = () =>
      new VirtualJpkiCard({ contents: fixture.contents, pinCounters: createFilePinCounterStore({ dir }) });
    const first = open();
    sw(first, SELECT_JPKI);
    expect(sw(first, '0020009B')).toBe('63C5');
    expect(sw(first, '0020009B06303030303030')).toBe('63C4');
    for (let i = 0; i < 3; i++) sw(first, '002000980430303030');
    expect(first.triesLeft()).toEqual({ auth: 0, sign: 4 });

    const second = open();
    sw(second, SELECT_JPKI);
    expect(sw(second, '0020009B')).toBe('63C4');
    expect(sw(second, '002000980431323334')).toBe('6984');
    expect(JSON.parse(readFileSync(join(dir, 'persisted-holder.json'), 'utf8'))).toEqual({
      triesLeft: { auth: 0, sign: 4 },
    });
    expect(readdirSync(dir)).toEqual(['persisted-holder.json']); // no temp file left behind
  });

  it('never writes a secret', () => {
    const dir = tempDir();
    const card = new VirtualJpkiCard({
      contents: fixture.contents,
      pinCounters: createFilePinCounterStore({ dir }),
    });
    sw(card, SELECT_JPKI);
    sw(card, '002000980431323334');
    sw(card, '0020009B06414243313233');
    const text = readFileSync(join(dir, 'persisted-holder.json'), 'utf8');
    expect(text).not.toContain('1234');
    expect(text).not.toContain('ABC123');
  });

  it('rejects corrupt state and unsafe holder ids', () => {
    const dir = tempDir();
    const store = createFilePinCounterStore({ dir });
    writeFileSync(join(dir, 'h1.json'), '{"triesLeft":{"auth":7,"sign":5}}');
    expect(() => store.load('h1')).toThrow(VirtualCardError);
    writeFileSync(join(dir, 'h2.json'), 'not json');
    expect(() => store.load('h2')).toThrow(expect.objectContaining({ code: 'virtual-card.state-invalid' }));
    expect(() => store.load('../etc')).toThrow(VirtualCardError);
  });
});
