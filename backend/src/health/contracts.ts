// Wire contracts of the health records (母子健康情報): the municipality's intake answers, the parent's
// application, the child list and record the TV shows, the growth curves it draws.
import { z } from '@hono/zod-openapi';
import { entryProblemCodes } from './fhir-bundle.ts';
import { growthEditions, growthMeasures } from './growth-curves.ts';
import { routineVaccines } from './immunisation-schedule.ts';
import { linkApplicationDocumentSchema } from './link-applications.ts';

export const bundleAcceptedSchema = z
  .object({ children: z.int(), entries: z.int(), created: z.boolean() })
  .openapi('HealthBundleAccepted');

export const bundleRefusedSchema = z
  .object({
    error: z.object({ code: z.literal('health.bundle-invalid'), message: z.string() }),
    /** One per refused entry; the bundle is stored only when there are none. */
    issues: z.array(
      z.object({
        entry: z.int(),
        resourceType: z.string().nullable(),
        id: z.string().nullable(),
        code: z.enum(entryProblemCodes),
        message: z.string(),
      }),
    ),
  })
  .openapi('HealthBundleRefused');

export const submitApplicationSchema = z
  .object({ signedApplication: z.base64().min(1) })
  .openapi('HealthLinkApplicationSubmit');

export const linkApplicationSchema = z
  .object({
    applicationId: z.uuid(),
    /** 受付番号, `YYYY-MMDD-NNNNNN`. */
    receiptNumber: z.string(),
    localGovernmentCode: z.string(),
    state: z.enum(['pending', 'approved', 'rejected']),
    submittedAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
    /** Why the municipality rejected it, as its staff wrote it; null otherwise. */
    reason: z.string().nullable(),
    children: linkApplicationDocumentSchema.shape.children,
    parent: z.object({ name: z.string(), dateOfBirth: z.string(), address: z.string() }),
  })
  .openapi('HealthLinkApplication');

export const linkApplicationListSchema = z
  .object({ applications: z.array(linkApplicationSchema) })
  .openapi('HealthLinkApplicationList');

export const decisionSchema = z
  .object({
    decision: z.enum(['approve', 'reject']),
    /** The municipality's own Patient identifiers of the children to link (approve). */
    children: z
      .array(z.object({ system: z.string().min(1), value: z.string().min(1) }))
      .max(10)
      .default([]),
    /** Why it is rejected, shown to the parent (reject; the dashboard always asks for one). */
    reason: z.string().trim().min(1).max(400).optional(),
  })
  .openapi('HealthLinkDecision');

const childSchema = z.object({
  id: z.uuid(),
  nameKanji: z.string().nullable(),
  nameKana: z.string().nullable(),
  birthDate: z.iso.date(),
  sex: z.enum(['male', 'female']),
});

export const childListSchema = z.object({ children: z.array(childSchema) }).openapi('HealthChildList');

export const dueDoseSchema = z.object({
  vaccine: z.enum(routineVaccines),
  name: z.string(),
  dose: z.int(),
  label: z.string(),
  dueOn: z.iso.date(),
  closesOn: z.iso.date(),
});

export const childRecordSchema = z
  .object({
    child: childSchema,
    measurements: z.array(
      z.object({
        kind: z.enum(growthMeasures),
        measuredOn: z.iso.date(),
        ageMonths: z.number(),
        value: z.number(),
        unit: z.enum(['kg', 'cm']),
        position: z.string().nullable(),
      }),
    ),
    checkups: z.array(
      z.object({ name: z.string(), on: z.iso.date(), result: z.string(), note: z.string().nullable() }),
    ),
    immunizations: z.array(
      z.object({
        vaccine: z.string().nullable(),
        name: z.string(),
        doseNumber: z.int().nullable(),
        on: z.iso.date(),
        nextDoseOn: z.iso.date().nullable(),
      }),
    ),
    due: z.array(dueDoseSchema),
  })
  .openapi('HealthChildRecord');

export const growthCurvesSchema = z
  .object({
    edition: z.enum(growthEditions),
    measure: z.enum(growthMeasures),
    sex: z.enum(['male', 'female']),
    unit: z.enum(['kg', 'cm']),
    percentiles: z.array(z.int()),
    points: z.array(z.object({ ageMonths: z.number(), label: z.string(), values: z.array(z.number()) })),
  })
  .openapi('HealthGrowthCurves');
