import { describe, expect, it } from 'vitest';
import { encodeVpcdFrame, VpcdFrameReader } from './vpcd-framing.ts';

describe('vpcd framing', () => {
  it('prefixes a big-endian 16-bit length', () => {
    expect([...encodeVpcdFrame(Uint8Array.of(4))]).toEqual([0, 1, 4]);
    expect([...encodeVpcdFrame(new Uint8Array(0x1234)).subarray(0, 2)]).toEqual([0x12, 0x34]);
    expect(() => encodeVpcdFrame(new Uint8Array(0x10000))).toThrow(RangeError);
  });

  it('reassembles frames split anywhere and several frames in one chunk', () => {
    const a = new Uint8Array(300).map((_, i) => i & 0xff);
    const b = Uint8Array.of(1);
    const wire = Buffer.concat([encodeVpcdFrame(a), encodeVpcdFrame(b), encodeVpcdFrame(a)]);
    for (const step of [1, 2, 3, 299, 1000]) {
      const reader = new VpcdFrameReader();
      const frames: Uint8Array[] = [];
      for (let i = 0; i < wire.length; i += step) frames.push(...reader.push(wire.subarray(i, i + step)));
      expect(frames, `step ${step}`).toEqual([a, b, a]);
    }
  });
});
