import { describe, expect, it } from 'vitest';
import { createPeerWrites, type PeerWritesOptions } from './peer-writes.ts';

function peerWrites(peers: PeerWritesOptions['peers'], capMs = 10_000) {
  const announced: number[] = [];
  const writes = createPeerWrites({ peers, announce: (seq) => announced.push(seq), capMs });
  return { writes, announced };
}

/** Whether `promise` has settled after the pending callbacks ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('waiting for the other nodes to write a message', () => {
  it('tells the others and resolves once every other node has written it', async () => {
    const { writes, announced } = peerWrites(async () => 2);
    const waiting = writes.written(7);
    expect(announced).toEqual([7]);
    writes.peerWrote(7);
    expect(await settled(waiting)).toBe(false);
    // Another message's report does not count.
    writes.peerWrote(8);
    expect(await settled(waiting)).toBe(false);
    writes.peerWrote(7);
    expect(await settled(waiting)).toBe(true);
  });

  it('counts the reports that came before this node finished', async () => {
    const { writes } = peerWrites(async () => 1);
    writes.peerWrote(3);
    expect(await settled(writes.written(3))).toBe(true);
  });

  it('waits no longer than the cap for a node that never says', async () => {
    const { writes } = peerWrites(async () => 1, 20);
    const started = Date.now();
    await writes.written(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });

  it('does not wait alone, or when the other nodes cannot be counted', async () => {
    expect(await settled(peerWrites(async () => 0).writes.written(1))).toBe(true);
    const failing = peerWrites(() => Promise.reject(new Error('Redis is down')));
    expect(await settled(failing.writes.written(1))).toBe(true);
  });
});
