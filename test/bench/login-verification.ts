// Card login verification speed: challenge check + RSA signature (node:crypto, cached KeyObject) + cached
// chain verdict + cached OCSP answer, single-threaded. Goal: ≥ 2,000 logins per second per core.
// A development PKI in a temp folder, its OCSP responder served on 127.0.0.1 port 0; the card signatures
// are made before the clock starts. Run alone: `npx tsx test/bench/login-verification.ts [N]`.
import { sign } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import {
  CertificateVerifier,
  createJpkiStatusSource,
  createOcspHandler,
  initDevPki,
  type LoginProof,
  LoginVerifier,
  MemoryChallengeStore,
  trustAnchorsFromDer,
} from '@myna-tv/backend';

const defaultLogins = 5000;

/** The base64 body of a PEM block is the DER in base64, which is what the bridge sends. */
const pemBody = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s/g, '');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export async function benchLoginVerification(
  logins = defaultLogins,
): Promise<{ name: string; figures: Record<string, number | string> }> {
  const dir = await mkdtemp(join(os.tmpdir(), 'bench-login-'));
  const pki = await initDevPki({ dir });
  const server = await new Promise<{ url: string; close(): void }>((resolve) => {
    const s = serve(
      { fetch: createOcspHandler(pki), port: 0, hostname: '127.0.0.1' },
      (info: AddressInfo) => {
        const close = () => {
          s.close();
          if ('closeAllConnections' in s) s.closeAllConnections();
        };
        resolve({ url: `http://127.0.0.1:${info.port}/`, close });
      },
    );
  });
  try {
    const status = createJpkiStatusSource({ ocsp: { url: server.url } });
    const anchors = trustAnchorsFromDer({ sign: [pki.ca.sign.der], auth: [pki.ca.auth.der] });
    const certificates = new CertificateVerifier({ anchors, statusSource: status });
    const login = new LoginVerifier({ certificates, challenges: new MemoryChallengeStore() });

    // Issue every challenge and let the "card" sign it beforehand: only verification is timed.
    const attempts: { deviceId: string; proof: LoginProof }[] = [];
    for (let i = 0; i < logins + pki.holders.length; i++) {
      const holder = pki.holders[i % pki.holders.length];
      if (holder === undefined) throw new Error('the development PKI has no holders');
      const deviceId = `stb-${i % 50}`;
      const challenge = await login.issueChallenge({ deviceId });
      const signature = sign('sha256', Buffer.from(challenge.challenge, 'base64url'), holder.authKeyPem);
      const proof = {
        challenge: challenge.challenge,
        certificate: pemBody(holder.authCertPem),
        signature: signature.toString('base64'),
      };
      attempts.push({ deviceId, proof });
    }
    // Warm-up: one login per holder fills the chain-verdict and OCSP caches.
    for (const attempt of attempts.splice(0, pki.holders.length)) await login.verifyProof(attempt);

    const micros: number[] = [];
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    for (const attempt of attempts) {
      const t0 = process.hrtime.bigint();
      await login.verifyProof(attempt);
      micros.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    // CPU time is what one core spends, whatever else shares the machine; wall time includes waiting for it.
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    micros.sort((a, b) => a - b);
    const chain = certificates.chainCacheStats();
    const ocsp = status.stats();
    return {
      name: 'Card login verification (signature + cached chain + cached OCSP), one thread',
      figures: {
        logins: attempts.length,
        'logins/second (wall)': Math.round(attempts.length / seconds),
        'logins/CPU-second': Math.round(attempts.length / cpuSeconds),
        'median µs': Math.round(percentile(micros, 50)),
        'p99 µs': Math.round(percentile(micros, 99)),
        'chain cache hits/misses': `${chain.hits}/${chain.misses}`,
        'OCSP cache hits/misses': `${ocsp.hits}/${ocsp.misses}`,
        cpu: os.cpus()[0]?.model ?? 'unknown',
        cores: os.cpus().length,
        node: process.version,
      },
    };
  } finally {
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchLoginVerification(Number(process.argv[2] ?? defaultLogins));
  console.log(`## ${result.name}`);
  for (const [key, value] of Object.entries(result.figures)) console.log(`- ${key}: ${value}`);
}
