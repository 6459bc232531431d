// Stopping a backend process: SIGTERM lets a request in flight finish and exits 0; new connections are refused
// meanwhile; a second signal exits at once; a request that outlives the deadline is cut and the process still
// exits cleanly.

import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useBackendProcesses } from './support/backend-fixture.ts';

const backends = useBackendProcesses('shutdown');

/** An operator login whose body is sent in two parts: the request is in flight until `finish()`. */
function slowLogin(url: string) {
  const body = JSON.stringify({ loginName: 'nobody', password: 'not the password at all' });
  const req = request(`${url}/api/v1/operator/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (response) => {
      let text = '';
      response.on('data', (chunk) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
  });
  req.write(body.slice(0, 10));
  return { answer, finish: () => req.end(body.slice(10)) };
}

/** Gives the server time to read the request headers (from then on the request is in flight). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('a backend process on SIGTERM', () => {
  it('finishes the request in flight, refuses new connections, and exits 0', async () => {
    const backend = await backends.start({ SHUTDOWN_TIMEOUT_SECONDS: '20' });
    const { url } = backend;
    const inFlight = slowLogin(url);
    await settle();
    backend.child.kill('SIGTERM');
    await backend.logged('stopping');
    await expect(fetch(`${url}/api/v1/health`)).rejects.toThrow();
    inFlight.finish();
    const { status, body } = await inFlight.answer;
    expect(status).toBe(401);
    expect(JSON.parse(body)).toEqual({
      error: { code: 'auth.invalid-credentials', message: expect.any(String) },
    });
    expect(await backend.exited).toBe(0);
    expect(backend.logs.find((line) => line.msg === 'stopped')).toMatchObject({ drained: true });
  });

  it('exits at once, with 1, on a second signal', async () => {
    const backend = await backends.start({ SHUTDOWN_TIMEOUT_SECONDS: '60' });
    const inFlight = slowLogin(backend.url);
    inFlight.answer.catch(() => {});
    await settle();
    backend.child.kill('SIGTERM');
    await backend.logged('stopping');
    const started = Date.now();
    backend.child.kill('SIGINT');
    expect(await backend.exited).toBe(1);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('cuts a request that outlives the deadline, then exits 0', async () => {
    const backend = await backends.start({ SHUTDOWN_TIMEOUT_SECONDS: '1' });
    const inFlight = slowLogin(backend.url);
    await settle();
    backend.child.kill('SIGTERM');
    await expect(inFlight.answer).rejects.toThrow();
    expect(await backend.exited).toBe(0);
    expect(backend.logs.map((line) => line.msg)).toContain(
      'shutdown deadline passed: closing requests still in flight',
    );
  });
});
