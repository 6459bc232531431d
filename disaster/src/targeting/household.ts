// A household as targeting sees it: where it is, which area codes it lies in, who needs help, how to address
// it. The backend builds these from its households table (id, 6-digit code, 7-digit 町字ID, lat/lon) and the
// unsealed members; schema and type are one declaration.
import { z } from 'zod';
import { isLocalGovernmentCode } from '../alerts/index.ts';

export const householdNeedsSchema = z.strictObject({
  elderly: z.boolean(),
  mobility: z.boolean(),
  hearing: z.boolean(),
  visual: z.boolean(),
  /** Should go to a 福祉避難所-type shelter (受入対象者 要配慮者) rather than a general one. */
  welfareShelter: z.boolean(),
  /** A 避難支援者 is named for this household (their household lists this one in `supports`). */
  hasSupporter: z.boolean(),
});
export type HouseholdNeeds = z.infer<typeof householdNeedsSchema>;

export const noNeeds: HouseholdNeeds = Object.freeze({
  elderly: false,
  mobility: false,
  hearing: false,
  visual: false,
  welfareShelter: false,
  hasSupporter: false,
});

export const targetHouseholdSchema = z
  .strictObject({
    id: z.string().min(1).max(64),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    /** 全国地方公共団体コード, 6 digits with check digit. */
    localGovernmentCode: z.string().refine(isLocalGovernmentCode, 'not a 6-digit local government code'),
    /** 町字ID (7 digits, as the backend stores it) or L-Alert's 12-digit form (5-digit code + 町字ID). */
    machiazaId: z
      .string()
      .regex(/^(\d{7}|\d{12})$/, 'must be a 7-digit 町字ID or a 12-digit 町字 code')
      .nullable(),
    /** People living there: the places a shelter gives up for this household. */
    people: z.number().int().min(1).max(20),
    needs: householdNeedsSchema,
    /** Households whose 避難支援者 this household is. */
    supports: z.array(z.string().min(1).max(64)).max(20),
    language: z.enum(['ja', 'en']),
    /** How alerts address the members (e.g. family names); used only with `namesConsent`. */
    names: z.array(z.string().trim().min(1).max(40)).max(20),
    namesConsent: z.boolean(),
  })
  .refine(
    (h) => h.machiazaId?.length !== 12 || h.machiazaId.slice(0, 5) === h.localGovernmentCode.slice(0, 5),
    { message: 'the 12-digit 町字 code names another municipality', path: ['machiazaId'] },
  );
export type TargetHousehold = z.infer<typeof targetHouseholdSchema>;

/** Someone in the household needs help to evacuate (要配慮者): reached first at 警戒レベル3. */
export function needsAssistance(needs: HouseholdNeeds): boolean {
  return needs.elderly || needs.mobility || needs.hearing || needs.visual || needs.welfareShelter;
}
