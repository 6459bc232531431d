// Test support: runs the system openssl, the independent judge of what the development PKI produces.
// Asynchronous, so a responder served by the same test process can answer it.
import { spawn } from 'node:child_process';

export interface OpensslResult {
  status: number | null;
  /** stdout and stderr together (openssl splits its verdicts between them). */
  output: string;
}

export function openssl(args: readonly string[], input?: Uint8Array): Promise<OpensslResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('openssl', args);
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, output }));
    child.stdin.end(input);
  });
}
