// HTTP routes of status reports: the box (resident's due reports, sending a signed report), the insurer API
// (profile and form, contracts, reports and their CMS, notices, signals) and the operator's view of the
// outbox. Thin: validate, call one domain function, map.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { recordAudit } from '../audit/index.ts';
import type { FieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import {
  type AppEnv,
  allowBodyUpTo,
  auditActorOf,
  createRouter,
  guardedRoute,
  jsonBody,
  jsonResponse,
  roleGuard,
} from '../http/index.ts';
import type { CertificateVerifier } from '../jpki/index.ts';
import type { BlindIndex } from '../residents/index.ts';
import {
  certificateSignalListSchema,
  contractInputSchema,
  contractSchema,
  deliveryListSchema,
  insurerNoticeInputSchema,
  insurerProfileInputSchema,
  insurerProfileSchema,
  insurerReportListSchema,
  insurerReportSchema,
  maxSignedReportBytes,
  residentStatusReportsSchema,
  statusReportReceiptSchema,
  submitStatusReportSchema,
} from './contracts.ts';
import { listDeliveries } from './delivery-outbox.ts';
import { sendInsurerNotice } from './insurer-notices.ts';
import { readInsurerProfile, saveInsurerProfile } from './insurer-profiles.ts';
import { receiveReport } from './receive-report.ts';
import { putContract } from './report-contracts.ts';
import { listInsurerReports, readReport } from './report-records.ts';
import { residentStatusReports } from './resident-reports.ts';
import { listSignals } from './signals.ts';
import { StatusReportError } from './status-report-error.ts';

export interface StatusReportRouteDeps {
  db: Database;
  cipher: FieldCipher;
  blindIndex: BlindIndex;
  certificates: CertificateVerifier;
  clock: () => Date;
}

const residents = roleGuard('resident');
const devices = roleGuard('device');
const insurers = roleGuard('insurer');
const admins = roleGuard('operator-admin');

const since = z.strictObject({
  since: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const reportId = z.object({ id: z.uuid() });

const residentReportsRoute = guardedRoute(residents, {
  method: 'get',
  path: '/residents/me/status-reports',
  tags: ['status-reports'],
  summary: 'Reports due for the logged-in resident (pre-filled) and receipts of those sent',
  responses: { 200: jsonResponse(residentStatusReportsSchema, 'Due and sent') },
  errors: [404],
});

const submitRoute = guardedRoute(devices, {
  method: 'post',
  path: '/status-reports',
  tags: ['status-reports'],
  summary: 'Send a signed status report (CMS by the signature certificate); the same report again: 200',
  middleware: [allowBodyUpTo(Math.ceil(maxSignedReportBytes / 3) * 4 + 1024)],
  request: { body: jsonBody(submitStatusReportSchema) },
  responses: {
    201: jsonResponse(statusReportReceiptSchema, 'Received'),
    200: jsonResponse(statusReportReceiptSchema, 'Received before: the same receipt'),
  },
  errors: [409, 503],
});

const getProfileRoute = guardedRoute(insurers, {
  method: 'get',
  path: '/insurer/profile',
  tags: ['insurer'],
  summary: "The insurer's name, delivery endpoint and form",
  responses: { 200: jsonResponse(insurerProfileSchema, 'The profile') },
});

const putProfileRoute = guardedRoute(insurers, {
  method: 'put',
  path: '/insurer/profile',
  tags: ['insurer'],
  summary: "Set the insurer's name, delivery endpoint (URL + token we send) and form",
  request: { body: jsonBody(insurerProfileInputSchema) },
  responses: { 200: jsonResponse(insurerProfileSchema, 'Saved') },
});

const putContractRoute = guardedRoute(insurers, {
  method: 'put',
  path: '/insurer/contracts/{referenceNumber}',
  tags: ['insurer'],
  summary: 'Create or update a contract: the person (four items) and the due month',
  request: {
    params: z.object({ referenceNumber: z.string().regex(/^[A-Za-z0-9-]{1,40}$/) }),
    body: jsonBody(contractInputSchema),
  },
  responses: {
    201: jsonResponse(contractSchema, 'Created'),
    200: jsonResponse(contractSchema, 'Updated'),
  },
});

const listReportsRoute = guardedRoute(insurers, {
  method: 'get',
  path: '/insurer/reports',
  tags: ['insurer'],
  summary: 'Reports received for this insurer after `since`, oldest first',
  request: { query: since },
  responses: { 200: jsonResponse(insurerReportListSchema, 'Reports') },
});

const getReportRoute = guardedRoute(insurers, {
  method: 'get',
  path: '/insurer/reports/{id}',
  tags: ['insurer'],
  summary: 'One report: receipt, signed document, verification summary',
  request: { params: reportId },
  responses: { 200: jsonResponse(insurerReportSchema, 'The report') },
  errors: [404],
});

const getCmsRoute = guardedRoute(insurers, {
  method: 'get',
  path: '/insurer/reports/{id}/cms',
  tags: ['insurer'],
  summary: 'The signed report exactly as received (CMS SignedData, DER)',
  request: { params: reportId },
  responses: {
    200: {
      description: 'DER ContentInfo; `openssl cms -verify -inform DER -CAfile <sign CA>` verifies it',
      content: { 'application/pkcs7-mime': { schema: z.string().openapi({ format: 'binary' }) } },
    },
  },
  errors: [404],
});

const noticeRoute = guardedRoute(insurers, {
  method: 'post',
  path: '/insurer/notices',
  tags: ['insurer'],
  summary: "A notice to the holder of one of the insurer's contracts (shown in お知らせ)",
  request: { body: jsonBody(insurerNoticeInputSchema) },
  responses: { 201: jsonResponse(z.object({ noticeId: z.uuid() }), 'Sent') },
  errors: [404, 409],
});

const signalsRoute = guardedRoute(insurers, {
  method: 'get',
  path: '/insurer/signals',
  tags: ['insurer'],
  summary: "Certificate status changes of contracts' holders found by the daily check, oldest first",
  request: { query: since },
  responses: { 200: jsonResponse(certificateSignalListSchema, 'Signals') },
});

const deliveriesRoute = guardedRoute(admins, {
  method: 'get',
  path: '/ops/report-deliveries',
  tags: ['status-reports'],
  summary: 'The outbox to insurers: each report and signal, its state and attempts',
  request: { query: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }) },
  responses: { 200: jsonResponse(deliveryListSchema, 'Deliveries') },
});

export function statusReportRoutes(deps: StatusReportRouteDeps) {
  const { db, cipher, clock } = deps;
  const sinceOf = (query: { since?: string | undefined }) =>
    query.since === undefined ? undefined : new Date(query.since);
  const ownProfile = async (insurerId: string) => {
    const profile = await readInsurerProfile(db, insurerId);
    if (profile === undefined) throw new StatusReportError('report.not-found', 'no such insurer');
    return profile;
  };
  /** One of the calling insurer's reports; reading it (JSON or CMS) is audited. */
  const readOwnReport = async (c: Context<AppEnv>, id: string) => {
    const principal = insurers.principal(c);
    const report = await readReport(db, cipher, { reportId: id, insurerId: principal.clientId });
    if (report === undefined) throw new StatusReportError('report.not-found', 'no such report');
    await recordAudit(db, {
      actor: auditActorOf(principal, c.get('requestId')),
      action: 'status-report.read',
      target: { type: 'status-report', id },
      at: clock(),
    });
    return report;
  };
  return createRouter()
    .openapi(residentReportsRoute, async (c) => {
      const principal = residents.principal(c);
      const reports = await residentStatusReports(db, {
        residentId: principal.residentId,
        cipher,
        blindIndex: deps.blindIndex,
        actor: auditActorOf(principal, c.get('requestId')),
        now: clock(),
      });
      return c.json(reports, 200);
    })
    .openapi(submitRoute, async (c) => {
      const principal = devices.principal(c);
      const now = clock();
      const received = await receiveReport(db, {
        certificates: deps.certificates,
        cipher,
        blindIndex: deps.blindIndex,
        deviceId: principal.device.deviceId,
        signedReport: c.req.valid('json').signedReport,
        now,
      });
      if (received.created) {
        await recordAudit(db, {
          actor: auditActorOf(principal, c.get('requestId')),
          action: 'status-report.receive',
          target: { type: 'status-report', id: received.receipt.reportId },
          at: now,
        });
        return c.json(received.receipt, 201);
      }
      return c.json(received.receipt, 200);
    })
    .openapi(getProfileRoute, async (c) => c.json(await ownProfile(insurers.principal(c).clientId), 200))
    .openapi(putProfileRoute, async (c) => {
      const { clientId } = insurers.principal(c);
      await saveInsurerProfile(db, cipher, { insurerId: clientId, input: c.req.valid('json'), now: clock() });
      return c.json(await ownProfile(clientId), 200);
    })
    .openapi(putContractRoute, async (c) => {
      const principal = insurers.principal(c);
      const now = clock();
      const { contract, created } = await putContract(db, {
        cipher,
        blindIndex: deps.blindIndex,
        insurerId: principal.clientId,
        referenceNumber: c.req.valid('param').referenceNumber,
        input: c.req.valid('json'),
        now,
      });
      await recordAudit(db, {
        actor: auditActorOf(principal, c.get('requestId')),
        action: 'status-report.contract-put',
        target: { type: 'status-report-contract', id: contract.contractId },
        at: now,
      });
      return created ? c.json(contract, 201) : c.json(contract, 200);
    })
    .openapi(listReportsRoute, async (c) => {
      const query = c.req.valid('query');
      const reports = await listInsurerReports(db, {
        insurerId: insurers.principal(c).clientId,
        since: sinceOf(query),
        limit: query.limit,
      });
      return c.json({ reports }, 200);
    })
    .openapi(getReportRoute, async (c) => {
      const { cms: _, insurerId: __, ...body } = await readOwnReport(c, c.req.valid('param').id);
      return c.json(body, 200);
    })
    .openapi(getCmsRoute, async (c) => {
      const report = await readOwnReport(c, c.req.valid('param').id);
      return c.body(report.cms.slice().buffer as ArrayBuffer, 200, {
        'content-type': 'application/pkcs7-mime; smime-type=signed-data',
        'content-disposition': `attachment; filename="${report.receipt.receiptNumber}.p7m"`,
      });
    })
    .openapi(noticeRoute, async (c) => {
      const input = c.req.valid('json');
      const noticeId = await sendInsurerNotice(db, cipher, {
        insurerId: insurers.principal(c).clientId,
        ...input,
        now: clock(),
      });
      return c.json({ noticeId }, 201);
    })
    .openapi(signalsRoute, async (c) => {
      const query = c.req.valid('query');
      const signals = await listSignals(db, {
        insurerId: insurers.principal(c).clientId,
        since: sinceOf(query),
        limit: query.limit,
      });
      return c.json({ signals }, 200);
    })
    .openapi(deliveriesRoute, async (c) => {
      admins.principal(c);
      return c.json({ deliveries: await listDeliveries(db, c.req.valid('query')) }, 200);
    });
}
