// A shelter as the registry holds it, and a municipality's shelter data set (the project's own JSON files in
// disaster/data/). Schema and type are one declaration. Two kinds since the 2013 amendment of the 災害対策基本法:
// 指定緊急避難場所 (a place to flee to, designated per hazard) and 指定避難所 (a place to stay).
import { z } from 'zod';
import { hazards } from './hazards.ts';

export const shelterKinds = ['emergency-site', 'evacuation-shelter'] as const;
export type ShelterKind = (typeof shelterKinds)[number];

export const shelterKindLabels: Readonly<Record<ShelterKind, string>> = {
  'emergency-site': '指定緊急避難場所',
  'evacuation-shelter': '指定避難所',
};

/**
 * 想定収容人数: the published text kept as it is, and the number of people read from it where it can be
 * (capacity-text.ts); null when the text gives no number we trust (then room is not limited by it).
 */
export const capacitySchema = z.strictObject({
  people: z.number().int().nonnegative().nullable(),
  text: z.string().max(200),
});
export type Capacity = z.infer<typeof capacitySchema>;

const common = {
  /**
   * 共通ID of the 国土地理院 data, e.g. `E3638700053201` (E + 5-digit municipality code + serial + suffix), or
   * the ID of a 自治体標準オープンデータセット row (`CC0000000504`, ad-hoc ones like `NEW001`).
   */
  id: z.string().regex(/^[0-9A-Za-z_-]{1,40}$/),
  name: z.string().min(1).max(200),
  /** Where to go inside, split off the published name, e.g. `津波時は２階以上に避難`. */
  note: z.string().min(1).max(200).optional(),
  address: z.string().min(1).max(200),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  /** Absent where the source publishes none (the 国土地理院 data never does). */
  capacity: capacitySchema.optional(),
  /** 受入対象者 as published: `要配慮者` marks a site for people needing care (福祉避難所 type). */
  acceptedPeople: z.literal('要配慮者').optional(),
};

export const emergencySiteSchema = z.strictObject({
  ...common,
  kind: z.literal('emergency-site'),
  /** The hazards this place is designated for; never to be used for any other. */
  hazards: z.array(z.enum(hazards)),
  sameAddressAsShelter: z.boolean(),
});

export const evacuationShelterSchema = z.strictObject({
  ...common,
  kind: z.literal('evacuation-shelter'),
  sameAddressAsEmergencySite: z.boolean(),
});

export const shelterSchema = z.discriminatedUnion('kind', [emergencySiteSchema, evacuationShelterSchema]);
export type EmergencySite = z.infer<typeof emergencySiteSchema>;
export type EvacuationShelter = z.infer<typeof evacuationShelterSchema>;
export type Shelter = z.infer<typeof shelterSchema>;

export const shelterDatasetSchema = z.strictObject({
  title: z.string().min(1),
  /** 全国地方公共団体コード (6 digits with check digit). */
  localGovernmentCode: z.string().regex(/^\d{6}$/),
  prefecture: z.string().min(1),
  municipality: z.string().min(1),
  /** Who published the facts; shown wherever the data is (the publisher's terms ask for the credit). */
  source: z.strictObject({
    publisher: z.string().min(1),
    title: z.string().min(1),
    url: z.url(),
    credit: z.string().min(1),
    notes: z.string().optional(),
  }),
  sites: z.array(shelterSchema),
});
export type ShelterDataset = z.infer<typeof shelterDatasetSchema>;
