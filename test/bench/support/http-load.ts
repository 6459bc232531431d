// A load client for the benchmarks: JSON over keep-alive HTTP/1.1 (node:http, lighter than fetch) with at most
// `concurrency` requests in flight, and the latency of each task.
import { Agent, request } from 'node:http';

/** JSON over keep-alive HTTP/1.1 with at most `concurrency` requests in flight. */
export class HttpClient {
  readonly #agent: Agent;
  readonly #base: URL;
  readonly #concurrency: number;

  constructor(url: string, concurrency: number) {
    this.#base = new URL(url);
    this.#concurrency = concurrency;
    this.#agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  }

  // biome-ignore lint/suspicious/noExplicitAny: answers are read by field in this file only.
  post(path: string, headers: Record<string, string>, body: unknown, expected: number): Promise<any> {
    const payload = body === undefined ? '' : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.#base.hostname,
          port: this.#base.port,
          path,
          method: 'POST',
          agent: this.#agent,
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
          });
          response.on('end', () => {
            if (response.statusCode !== expected)
              reject(new Error(`${path}: ${response.statusCode} ${text}`));
            else resolve(JSON.parse(text));
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Runs task(0..count-1) with bounded concurrency; the wall time and each task's latency in ms. */
  async run(count: number, task: (i: number) => Promise<void>) {
    const latencies = new Float64Array(count);
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await task(i);
        latencies[i] = performance.now() - t0;
      }
    };
    await Promise.all(Array.from({ length: this.#concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    const sorted = latencies.sort();
    return {
      seconds,
      percentile: (p: number) => sorted[Math.min(count - 1, Math.floor((p / 100) * count))] ?? Number.NaN,
    };
  }

  close(): void {
    this.#agent.destroy();
  }
}
