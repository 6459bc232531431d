// Test support: an emulated JPKI card whose signature certificate is real X.509 (self-signed by openssl for the
// card's own signature key), so that CMS can be built and checked; and a way to pull it out mid-flow.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InProcessCard, VirtualReader } from '../../card/virtual-reader.ts';
import { createTestCardContents, type TestCard } from '../../virtual-card/test-card-contents.ts';

export function createSigningTestCard(holderId: string): TestCard {
  const card = createTestCardContents(holderId);
  const dir = mkdtempSync(join(tmpdir(), 'myna-sign-cert-'));
  try {
    const keyFile = join(dir, 'sign.key');
    writeFileSync(keyFile, card.contents.keys.sign.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const certFile = join(dir, 'sign.der');
    execFileSync(
      'openssl',
      ['req', '-new', '-x509', '-key', keyFile, '-subj', '/C=JP/CN=report test signer', '-days', '2'].concat([
        '-outform',
        'DER',
        '-out',
        certFile,
      ]),
      { stdio: 'ignore' },
    );
    card.contents.certs.sign = new Uint8Array(readFileSync(certFile));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return card;
}

/**
 * Wraps a card so that the reader loses it right after the next accepted VERIFY with a secret, the way a viewer
 * pulls the card while the box is signing: the VERIFY succeeds, the next command finds no card.
 */
export function pulledAfterVerify(card: InProcessCard, reader: () => VirtualReader): InProcessCard {
  return {
    atr: card.atr,
    reset: () => card.reset(),
    transmit(command) {
      const response = card.transmit(command);
      const verifyWithSecret = command[1] === 0x20 && command.length > 5;
      const accepted = response.at(-2) === 0x90 && response.at(-1) === 0x00;
      if (verifyWithSecret && accepted) reader().remove();
      return response;
    },
  };
}
