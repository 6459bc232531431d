// A household as an operator enrols it with its STB: where it is (for alert targeting and shelter distance),
// who lives there and what they need when an alert comes (for personalised alerts). Schema and type are one
// declaration.
import { z } from '@hono/zod-openapi';
import { isLocalGovernmentCode } from './local-government-code.ts';

export const householdMemberSchema = z
  .strictObject({
    /** How alerts address the person (e.g. family name in kana); personal data, sealed at rest. */
    name: z.string().trim().min(1).max(100),
    birthYear: z.number().int().min(1880).max(2200).optional(),
    /** Needs help to evacuate (要配慮者): special-care data, sealed at rest, shown only to authorised staff. */
    needsAssistance: z.boolean(),
  })
  .openapi('HouseholdMember');
export type HouseholdMember = z.infer<typeof householdMemberSchema>;

/** Who in the household needs help when an alert comes (要配慮者 kinds); special-care data, sealed at rest. */
export const householdNeedsSchema = z
  .strictObject({
    elderly: z.boolean(),
    mobility: z.boolean(),
    hearing: z.boolean(),
    visual: z.boolean(),
    /** Should go to a 福祉避難所-type shelter (受入対象者 要配慮者) rather than a general one. */
    welfareShelter: z.boolean(),
  })
  .openapi('HouseholdNeeds');
export type HouseholdNeeds = z.infer<typeof householdNeedsSchema>;

export const noHouseholdNeeds: HouseholdNeeds = Object.freeze({
  elderly: false,
  mobility: false,
  hearing: false,
  visual: false,
  welfareShelter: false,
});

export const householdSchema = z
  .strictObject({
    /** 住所, from the prefecture on. */
    address: z.string().trim().min(1).max(200),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    /** 全国地方公共団体コード, 6 digits with check digit. */
    localGovernmentCode: z.string().refine(isLocalGovernmentCode, 'not a 6-digit local government code'),
    /** 町字ID (7 digits) of the Address Base Registry, when known. */
    machiazaId: z
      .string()
      .regex(/^\d{7}$/, 'must be 7 digits')
      .nullish()
      .transform((value) => value ?? null),
    members: z.array(householdMemberSchema).max(20),
    // Care data for alerts; each optional, absent = none: no needs, supports nobody, Japanese, no names.
    // A member marked needsAssistance counts as needing help to move when `needs` says nothing more.
    needs: householdNeedsSchema.optional(),
    /** Households whose 避難支援者 this household is (reached with them from 警戒レベル3). */
    supporterOf: z.array(z.uuid()).max(20).optional(),
    /** Language of the alerts: English is added to the Japanese. */
    language: z.enum(['ja', 'en']).optional(),
    /** The household agreed that alerts address its members by family name. */
    namesConsent: z.boolean().optional(),
  })
  .openapi('Household');
export type HouseholdInput = z.input<typeof householdSchema>;
export type Household = z.output<typeof householdSchema>;

/** The care data of a household, sealed in households.care_sealed (absent fields: none). */
export type HouseholdCare = Pick<Household, 'needs' | 'supporterOf' | 'language' | 'namesConsent'>;

/** The care fields of a household that says anything about them; null when it says nothing. */
export function careOf(household: Household): HouseholdCare | null {
  const { needs, supporterOf, language, namesConsent } = household;
  const care: HouseholdCare = {
    ...(needs ? { needs } : {}),
    ...(supporterOf ? { supporterOf } : {}),
    ...(language ? { language } : {}),
    ...(namesConsent !== undefined ? { namesConsent } : {}),
  };
  return Object.keys(care).length === 0 ? null : care;
}
