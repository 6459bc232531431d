// One HTTP GET with a time limit and a size cap (the body is read in chunks and dropped past the cap), for
// the feed poller: a slow or huge answer costs a bounded wait and memory, never the process.

export type FetchFailure = 'timeout' | 'too-large' | 'network' | `http-${number}`;

export class FetchError extends Error {
  readonly failure: FetchFailure;
  /** Worth trying again later (timeouts, network, 5xx, 408, 429); else the answer will not change. */
  readonly transient: boolean;

  constructor(failure: FetchFailure, transient: boolean, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'FetchError';
    this.failure = failure;
    this.transient = transient;
  }
}

export interface CappedResponse {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

export async function fetchCapped(
  fetcher: typeof fetch,
  url: string,
  options: { timeoutMs: number; maxBytes: number; headers?: Record<string, string> },
): Promise<CappedResponse> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await fetcher(url, { signal, headers: options.headers ?? {} });
  } catch (cause) {
    if (signal.aborted)
      throw new FetchError('timeout', true, `no answer from ${url} in ${options.timeoutMs} ms`);
    throw new FetchError('network', true, `${url} unreachable`, { cause });
  }
  if (response.status === 304) return { status: 304, headers: response.headers, body: new Uint8Array() };
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    const transient = response.status >= 500 || response.status === 408 || response.status === 429;
    throw new FetchError(`http-${response.status}`, transient, `${url} answered ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > options.maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new FetchError('too-large', false, `${url} is ${declared} bytes, over ${options.maxBytes}`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    const reader = response.body?.getReader();
    for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
      size += chunk.value.byteLength;
      if (size > options.maxBytes) {
        await reader?.cancel().catch(() => {});
        throw new FetchError('too-large', false, `${url} is over ${options.maxBytes} bytes`);
      }
      chunks.push(chunk.value);
    }
  } catch (cause) {
    if (cause instanceof FetchError) throw cause;
    if (signal.aborted)
      throw new FetchError('timeout', true, `${url} too slow: over ${options.timeoutMs} ms`);
    throw new FetchError('network', true, `${url} broke off`, { cause });
  }
  return { status: response.status, headers: response.headers, body: new Uint8Array(Buffer.concat(chunks)) };
}
