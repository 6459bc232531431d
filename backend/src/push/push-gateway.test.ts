import { describe } from 'vitest';
import { createPgliteDatabase, migrate } from '../db/index.ts';
import { type PushCluster, runPushGatewayCases } from './push-gateway.case.test.ts';
import { runRenderedPushCases } from './push-rendered.case.test.ts';
import { startPushNode, TestDevices } from './push-test-support.ts';

async function startOneNode(): Promise<PushCluster> {
  const db = await createPgliteDatabase();
  await migrate(db);
  const devices = new TestDevices();
  const replaced: string[] = [];
  const node = await startPushNode({
    db,
    authenticate: devices.authenticate,
    onConnectionReplaced: (deviceId) => replaced.push(deviceId),
  });
  return {
    nodes: [node, node],
    db,
    devices,
    health: { adapter: 'memory' },
    replaced,
    async close() {
      await node.close();
      await db.close();
    },
  };
}

describe('push gateway, one node, in-memory adapter, PGlite', () => {
  runPushGatewayCases(startOneNode);
});

describe('rendered push, one node, in-memory adapter, PGlite', () => {
  runRenderedPushCases(startOneNode);
});
