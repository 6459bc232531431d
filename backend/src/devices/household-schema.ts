// A household as an operator enrols it with its STB: where it is (for alert targeting and shelter distance)
// and who lives there (for personalised alerts). Schema and type are one declaration.
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
  })
  .openapi('Household');
export type HouseholdInput = z.input<typeof householdSchema>;
export type Household = z.output<typeof householdSchema>;
