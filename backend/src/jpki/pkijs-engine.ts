// pkijs needs a crypto engine before it verifies anything; Node's built-in WebCrypto is the one we use.
// Idempotent, so every module that touches pkijs crypto can call it first.
import * as pkijs from 'pkijs';

let installed = false;

export function ensurePkijsEngine(): void {
  if (installed) return;
  pkijs.setEngine(
    'node-webcrypto',
    new pkijs.CryptoEngine({ name: 'node-webcrypto', crypto: globalThis.crypto }),
  );
  installed = true;
}
