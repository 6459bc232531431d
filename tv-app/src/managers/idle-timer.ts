// Calls back once when no key was pressed for `timeoutMs`; every key press (`touch`) starts the wait again.

export class IdleTimer {
  private readonly timeoutMs: number;
  private readonly onIdle: () => void;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: { timeoutMs: number; onIdle: () => void }) {
    this.timeoutMs = options.timeoutMs;
    this.onIdle = options.onIdle;
  }

  touch(): void {
    this.stop();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.onIdle();
    }, this.timeoutMs);
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** Default 3 minutes; `?idle=<ms>` (at least 1 s) shortens it for tests and demonstrations. */
export function idleTimeoutMs(search: string): number {
  const given = Number(new URLSearchParams(search).get('idle'));
  return Number.isFinite(given) && given >= 1000 ? given : 180_000;
}
