// Errors nobody handled, inside a running backend process (raised on SIGUSR2 by a module loaded with
// --import, standing in for a bug): a stray rejection is logged and the process keeps serving; an uncaught
// exception is logged as fatal and the process stops gracefully with exit code 1.
import { expect, it } from 'vitest';
import { useBackendProcesses } from './support/backend-fixture.ts';

const strayOnSignal = (raise: string) => [
  '--import',
  `data:text/javascript,${encodeURIComponent(`process.on('SIGUSR2', () => { ${raise} });`)}`,
];

const backends = useBackendProcesses('stray');

it('logs an unhandled rejection and keeps serving', async () => {
  const backend = await backends.start(
    {},
    { nodeOptions: strayOnSignal("Promise.reject(new Error('stray rejection'));") },
  );
  backend.child.kill('SIGUSR2');
  const logged = await backend.logged('unhandled rejection');
  expect(logged).toMatchObject({ level: 'error', error: { message: 'stray rejection' } });
  expect((await fetch(`${backend.url}/api/v1/health`)).status).toBe(200);
  expect(await backend.stop()).toBe(0);
});

it('stops gracefully with exit code 1 after an uncaught exception', async () => {
  const backend = await backends.start(
    {},
    { nodeOptions: strayOnSignal("setImmediate(() => { throw new Error('stray throw'); });") },
  );
  backend.child.kill('SIGUSR2');
  expect(await backend.logged('uncaught exception')).toMatchObject({
    level: 'fatal',
    error: { message: 'stray throw' },
  });
  expect(await backend.exited).toBe(1);
  expect(backend.logs.map((line) => line.msg)).toContain('stopped');
});
