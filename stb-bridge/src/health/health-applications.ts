// The 利用申込み (母子健康情報) as the TV app drives it: the resident's applications from the backend, and an
// application: the children's birth dates → the document (this household's municipality, never typed by the
// viewer) → the card's CMS with the signature password → the backend. The TV app names each application with an
// id of its own choosing before the password is asked: a repeat of that id (a double-pressed OK, a repeat after a
// lost answer) signs nothing again and answers the application the backend has. Nothing is kept on the box: an
// unreachable backend is found before the card is used, and the viewer is told to try later.
import type { LinkApplication, LinkApplicationDocument } from '@myna-tv/backend';
import type { HealthBackend, SubmittedApplication } from '../session/backend-client.ts';
import type { CardAccess } from '../session/card-access.ts';
import { signWithPassword } from '../session/password-signing.ts';

export const linkApplicationType: LinkApplicationDocument['type'] = 'myna-tv/health-link-application/1';

export interface ApplyInput {
  applicationId: string;
  children: readonly { birthDate: string }[];
  password: string;
}

export interface HealthApplicationsDeps {
  access: CardAccess;
  backend: Pick<HealthBackend, 'healthApplications' | 'submitHealthApplication' | 'householdMunicipality'>;
  now?: () => Date;
}

export class HealthApplications {
  readonly #deps: HealthApplicationsDeps;
  readonly #applying = new Map<string, Promise<SubmittedApplication>>();
  /** The household's municipality: asked once, it does not change while the box runs. */
  #municipality: Promise<string> | undefined;

  constructor(deps: HealthApplicationsDeps) {
    this.#deps = deps;
  }

  async list(sessionToken: string): Promise<LinkApplication[]> {
    return (await this.#deps.backend.healthApplications(sessionToken)).applications;
  }

  /** Concurrent applications with one id share one signing and one submission. */
  apply(sessionToken: string, input: ApplyInput): Promise<SubmittedApplication> {
    const running = this.#applying.get(input.applicationId);
    if (running) return running;
    const applying = this.#apply(sessionToken, input).finally(() =>
      this.#applying.delete(input.applicationId),
    );
    this.#applying.set(input.applicationId, applying);
    return applying;
  }

  async #apply(sessionToken: string, input: ApplyInput): Promise<SubmittedApplication> {
    const { backend, access } = this.#deps;
    const earlier = (await this.list(sessionToken)).find((a) => a.applicationId === input.applicationId);
    if (earlier) return { application: earlier, created: false };
    const signedAt = this.#deps.now?.() ?? new Date();
    const document: LinkApplicationDocument = {
      type: linkApplicationType,
      applicationId: input.applicationId,
      localGovernmentCode: await this.#householdMunicipality(),
      children: input.children.map(({ birthDate }) => ({ birthDate })),
      signedAt: signedAt.toISOString(),
    };
    const cms = await signWithPassword(
      access,
      { content: new TextEncoder().encode(JSON.stringify(document)), signingTime: signedAt },
      input.password,
    );
    return backend.submitHealthApplication(sessionToken, Buffer.from(cms).toString('base64'));
  }

  #householdMunicipality(): Promise<string> {
    if (!this.#municipality) {
      this.#municipality = this.#deps.backend.householdMunicipality();
      this.#municipality.catch(() => (this.#municipality = undefined));
    }
    return this.#municipality;
  }
}
