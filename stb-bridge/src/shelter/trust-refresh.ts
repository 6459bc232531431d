// Keeps the terminal's trust folder current while it is online, so that taps can be checked offline later:
// downloads the JPKI user-auth CA certificate and its CRL (the development JPKI serves them as
// `<url>/auth-ca.pem` and `<url>/auth.crl`), keeps the CRL only if it verifies against a CA, writes both
// atomically and has the desk re-read the folder. The CA is kept only if it chains to a root pinned at
// enrolment (trust-pins.ts). Offline, the last good files stay; a failed attempt is
// retried sooner than the regular refresh.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../storage/atomic-file.ts';
import { crlFileName, parseCrl } from './card-trust.ts';
import { pinnedCa } from './trust-pins.ts';

/** The downloaded CA certificate's file in the trust folder (card-trust.ts reads `*.ca.pem`). */
export const downloadedCaFileName = 'jpki-auth.ca.pem';

export interface TrustRefreshOptions {
  /** Base URL serving `auth-ca.pem` and `auth.crl`. */
  url: string;
  trustDir: string;
  /** SHA-256 fingerprints of the roots a downloaded CA must chain to (from the credential file). */
  trustRoots: readonly string[];
  /** Called after new files were written (the desk re-reads the folder). */
  onUpdated: () => Promise<void>;
  /** Between successful downloads (default 15 min); after a failure `retryMs` (default 30 s). */
  refreshMs?: number;
  retryMs?: number;
  timeoutMs?: number;
}

export class TrustRefresh {
  readonly #options: Required<TrustRefreshOptions>;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<boolean> | null = null;
  #stopped = false;
  lastError: unknown = null;

  constructor(options: TrustRefreshOptions) {
    this.#options = { refreshMs: 15 * 60_000, retryMs: 30_000, timeoutMs: 10_000, ...options };
  }

  start(): void {
    this.#stopped = false;
    void this.refreshNow();
  }

  /** Downloads now (joins an attempt under way); true when the folder was updated. */
  refreshNow(): Promise<boolean> {
    this.#running ??= this.#attempt().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  async #attempt(): Promise<boolean> {
    clearTimeout(this.#timer);
    let ok = false;
    try {
      await this.#download();
      this.lastError = null;
      ok = true;
    } catch (err) {
      this.lastError = err;
    }
    if (!this.#stopped) {
      this.#timer = setTimeout(
        () => void this.refreshNow(),
        ok ? this.#options.refreshMs : this.#options.retryMs,
      );
      this.#timer.unref();
    }
    return ok;
  }

  async #download(): Promise<void> {
    const { url, trustDir } = this.#options;
    const [caPem, crlDer] = await Promise.all([
      this.#get(`${url}/auth-ca.pem`),
      this.#get(`${url}/${crlFileName}`),
    ]);
    const ca = pinnedCa(caPem.toString('utf8'), this.#options.trustRoots);
    // A CRL that does not verify against the CA is never cached (it would hide revocations).
    if (parseCrl(crlDer, [ca]) === null) throw new Error('the downloaded CRL does not verify against the CA');
    await mkdir(trustDir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(join(trustDir, downloadedCaFileName), ca.toString(), { mode: 0o644 });
    await writeFileAtomic(join(trustDir, crlFileName), crlDer, { mode: 0o644 });
    await this.#options.onUpdated();
  }

  async #get(url: string): Promise<Buffer> {
    const response = await fetch(url, { signal: AbortSignal.timeout(this.#options.timeoutMs) });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`GET ${url} answered ${response.status}`);
    }
    return Buffer.from(await response.arrayBuffer());
  }
}
