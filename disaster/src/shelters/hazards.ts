// The eight hazards a 指定緊急避難場所 is designated for (災害対策基本法 施行令; the flags of the 国土地理院 data and
// of the 自治体標準オープンデータセット). One list: codes in data and code, Japanese labels for people.

export const hazards = [
  'flood',
  'landslide',
  'storm-surge',
  'earthquake',
  'tsunami',
  'large-fire',
  'inland-flood',
  'volcano',
] as const;

export type Hazard = (typeof hazards)[number];

/** The wording of the published data (and of the dashboard). */
export const hazardLabels: Readonly<Record<Hazard, string>> = {
  flood: '洪水',
  landslide: '崖崩れ、土石流及び地滑り',
  'storm-surge': '高潮',
  earthquake: '地震',
  tsunami: '津波',
  'large-fire': '大規模な火事',
  'inland-flood': '内水氾濫',
  volcano: '火山現象',
};
