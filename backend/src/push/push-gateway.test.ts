import { describe } from 'vitest';
import { createPgliteDatabase, migrate } from '../db/index.ts';
import { runPushGatewayCases } from './push-gateway.case.test.ts';
import { startPushNode, TestDevices } from './push-test-support.ts';

describe('push gateway, one node, in-memory adapter, PGlite', () => {
  runPushGatewayCases(async () => {
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
  });
});
