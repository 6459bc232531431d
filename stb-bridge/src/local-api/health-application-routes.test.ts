// The 利用申込み through the local API with a real emulated JPKI card in the reader: the document the card signs
// (the household's municipality added by the box, the birth dates given), one signing per application id, and
// each way it fails before anything reaches the backend: no session, a bad body, a wrong password (tries left,
// never retried), the card pulled while signing; and the backend's own refusal of a birth date.

import type { LinkApplication, LinkApplicationDocument } from '@myna-tv/backend';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { birthDateProblem } from '../../../backend/src/health/child-birth-date.ts';
import { verifiedContent } from '../reports/testing/scripted-report-backend.ts';
import { pulledAfterVerify } from '../reports/testing/signing-test-card.ts';
import type { HealthBackend } from '../session/backend-client.ts';
import { SessionError } from '../session/session-error.ts';
import type { HealthApplicationsResponse, HealthApplyRequest, HealthApplyResponse } from './contracts.ts';
import { createLocalApiFixture, errorOf, type LocalApiFixture } from './testing/local-api-fixture.ts';

const minami = '363871';
const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);

/** The backend's application calls in memory: checks each CMS by the card's key and the birth-date rule. */
function scriptedApplications(signKey: () => Parameters<typeof verifiedContent>[1]) {
  const documents: LinkApplicationDocument[] = [];
  const applications: LinkApplication[] = [];
  const backend: HealthBackend = {
    children: async () => ({ children: [] }),
    childRecord: async () => {
      throw new Error('not in these tests');
    },
    growthCurves: async () => {
      throw new Error('not in these tests');
    },
    householdMunicipality: async () => minami,
    healthApplications: async () => ({ applications: [...applications].reverse() }),
    async submitHealthApplication(_token, signedApplication) {
      const content = verifiedContent(Buffer.from(signedApplication, 'base64'), signKey());
      const document = JSON.parse(new TextDecoder().decode(content)) as LinkApplicationDocument;
      documents.push(document);
      if (document.children.some((c) => birthDateProblem(c.birthDate, today) !== null))
        throw new SessionError('session.refused', 'answered 400', {
          backendCode: 'health.application-invalid',
        });
      const application: LinkApplication = {
        applicationId: document.applicationId,
        receiptNumber: `2026-1124-${String(applications.length + 1).padStart(6, '0')}`,
        localGovernmentCode: document.localGovernmentCode,
        state: 'pending',
        submittedAt: new Date().toISOString(),
        decidedAt: null,
        reason: null,
        children: document.children,
        parent: { name: '田中　花子', dateOfBirth: '1990-04-01', address: '徳島県海部郡美波町' },
      };
      applications.push(application);
      return { application, created: true };
    },
  };
  return { backend, documents, applications };
}

let f: LocalApiFixture;
let backend: ReturnType<typeof scriptedApplications>;
beforeEach(async () => {
  backend = scriptedApplications(() => f.signKey);
  f = await createLocalApiFixture({ health: backend.backend });
  await vi.waitFor(() => expect(f.watcher.state.card).toBe('jpki'));
});
afterEach(() => f.close());

const request = (overrides: Partial<HealthApplyRequest> = {}): HealthApplyRequest => ({
  applicationId: crypto.randomUUID(),
  children: [{ birthDate: '2026-07-01' }, { birthDate: '2024-02-29' }],
  password: 'ABC123',
  ...overrides,
});
const apply = (body: unknown) => f.call('POST', '/health-applications', { body });
const triesLeft = async () =>
  ((await (await f.call('GET', '/card/tries?kind=sign')).json()) as { triesLeft: number }).triesLeft;

describe('health application routes', () => {
  it('need a logged-in resident, and touch neither card nor backend without one', async () => {
    expect([(await f.call('GET', '/health-applications')).status, (await apply(request())).status]).toEqual([
      401, 401,
    ]);
    expect(backend.documents).toEqual([]);
    expect(await triesLeft()).toBe(5);
  });

  it('sign the birth dates with the household municipality, answer 201, and list the application', async () => {
    await f.logIn();
    const body = request();
    const response = await apply(body);
    expect(response.status).toBe(201);
    const application = (await response.json()) as HealthApplyResponse;
    expect(application).toMatchObject({ applicationId: body.applicationId, state: 'pending' });
    expect(application.receiptNumber).toMatch(/^\d{4}-\d{4}-\d{6}$/);
    expect(backend.documents).toEqual([
      {
        type: 'myna-tv/health-link-application/1',
        applicationId: body.applicationId,
        localGovernmentCode: minami,
        children: body.children,
        signedAt: expect.any(String),
      },
    ]);
    const listed = (await (await f.call('GET', '/health-applications')).json()) as HealthApplicationsResponse;
    expect(listed.applications).toEqual([application]);
    expect(f.logs.join('')).not.toContain('ABC123');
  });

  it('sign once per application id: a repeat and a double press answer the same application', async () => {
    await f.logIn();
    const body = request();
    const [first, second] = await Promise.all([apply(body), apply(body)]);
    expect([first.status, second.status]).toEqual([201, 201]);
    const again = await apply(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await first.json());
    expect(backend.documents).toHaveLength(1);
  });

  it('report a wrong password with the tries left, and never try it again', async () => {
    await f.logIn();
    const body = request({ password: 'WRONG9' });
    const response = await apply(body);
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatchObject({ code: 'card.pin-wrong', triesLeft: 4, pinKind: 'sign' });
    expect(await triesLeft()).toBe(4);
    expect(backend.documents).toEqual([]);
    expect(f.logs.join('')).not.toContain('WRONG9');
    // The same application with the right password goes through.
    expect((await apply({ ...body, password: 'ABC123' })).status).toBe(201);
  });

  it('send nothing when the card is pulled while signing', async () => {
    await f.logIn();
    const card = f.newCard();
    f.reader.insert(pulledAfterVerify(card, () => f.reader));
    const body = request();
    const response = await apply(body);
    expect([response.status, (await errorOf(response)).code]).toEqual([409, 'card.removed']);
    expect(backend.documents).toEqual([]);
    f.reader.insert(card);
    expect((await apply(body)).status).toBe(201);
  });

  it('refuse a bad body before the card, and pass the backend refusal of a future birth date on', async () => {
    await f.logIn();
    for (const body of [
      request({ children: [] }),
      request({ children: [{ birthDate: '2026-7-1' }] }),
      request({ applicationId: 'not-a-uuid' }),
      { ...request(), localGovernmentCode: '131016' },
    ]) {
      const response = await apply(body);
      expect([response.status, (await errorOf(response)).code]).toEqual([400, 'request.invalid']);
    }
    expect(backend.documents).toEqual([]);
    const future = new Date(Date.now() + 9 * 3_600_000 + 2 * 86_400_000).toISOString().slice(0, 10);
    const refused = await apply(request({ children: [{ birthDate: future }] }));
    expect([refused.status, (await errorOf(refused)).code]).toEqual([422, 'health.application-invalid']);
  });
});
