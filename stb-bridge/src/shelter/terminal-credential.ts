// The terminal credential file written at enrolment (terminal-enrolment.ts) and read at start: the terminal's
// id and secret for the backend, its shelter, and the root CA fingerprints its trust download must chain to.
// The terminal refuses to start without one (`shelter.not-enrolled`).
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ShelterError } from './shelter-error.ts';

const credentialFileSchema = z.object({
  terminalId: z.string().min(1),
  secret: z.string().min(1),
  shelterId: z.string().min(1),
  trustRoots: z.array(z.string().regex(/^[0-9a-f]{64}$/)).min(1),
});

export type TerminalCredentialFile = z.infer<typeof credentialFileSchema>;

export async function readTerminalCredential(path: string): Promise<TerminalCredentialFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ShelterError('shelter.not-enrolled', `no terminal credential at ${path}`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ShelterError('shelter.not-enrolled', `${path} is not JSON`, { cause: err });
  }
  const parsed = credentialFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new ShelterError(
      'shelter.not-enrolled',
      `${path} is not a terminal credential (terminalId, secret, shelterId, trustRoots): enrol the terminal again`,
    );
  }
  return parsed.data;
}
