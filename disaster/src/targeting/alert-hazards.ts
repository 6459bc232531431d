// Which of the eight designated hazards (shelters/hazards.ts) an alert is about, so that people are sent only
// to places designated for it (a 指定緊急避難場所 designated for 洪水 may be on low ground a tsunami reaches).
// Read from the event (CAP event, L-Alert Sort, JMA kind), L-Alert's DisasterName and event codes; the
// headline only when those say nothing. Every pattern that matches adds its hazards, and a site must be
// designated for all of them.
//
// | words in the alert                                    | hazards                  |
// | ----------------------------------------------------- | ------------------------ |
// | 津波, tsunami                                          | tsunami                  |
// | 高潮, storm surge                                      | storm-surge              |
// | 土砂, 崖崩れ, がけ崩れ, 土石流, 地すべり, 地滑り, landslide | landslide                |
// | 内水, 浸水                                             | inland-flood             |
// | 洪水, 氾濫, 河川, flood                                 | flood                    |
// | 大雨, heavy rain (土砂災害 or 浸水: both)               | flood + landslide        |
// | 地震, earthquake                                       | earthquake               |
// | 火山, 噴火, volcano, eruption                          | volcano                  |
// | 火災, 火事, fire                                       | large-fire               |
// | nothing above, category Fire                          | large-fire               |
// | nothing above (e.g. "避難指示" alone)                  | none: any open site      |
import type { AlertInfo } from '../alerts/index.ts';
import { type Hazard, hazards as hazardOrder } from '../shelters/index.ts';

const table: [RegExp, Hazard[]][] = [
  [/津波|tsunami/i, ['tsunami']],
  [/高潮|storm surge/i, ['storm-surge']],
  [/土砂|崖崩れ|がけ崩れ|土石流|地すべり|地滑り|landslide/i, ['landslide']],
  [/内水|浸水/, ['inland-flood']],
  [/洪水|氾濫|河川|flood/i, ['flood']],
  [/大雨|heavy rain/i, ['flood', 'landslide']],
  [/地震|earthquake/i, ['earthquake']],
  [/火山|噴火|volcan|eruption/i, ['volcano']],
  [/火災|火事|\bfire\b|wildfire/i, ['large-fire']],
];

function hazardsIn(texts: readonly string[]): Set<Hazard> {
  const found = new Set<Hazard>();
  for (const [pattern, hazards] of table) {
    if (texts.some((text) => pattern.test(text))) for (const hazard of hazards) found.add(hazard);
  }
  return found;
}

/** The hazards of the alert's infos, in the published order, or null when the alert does not say. */
export function alertHazards(infos: readonly AlertInfo[]): Hazard[] | null {
  const named = infos.flatMap((info) => [
    info.event,
    ...info.parameters.filter((p) => p.name === 'DisasterName').map((p) => p.value),
    ...info.eventCodes.map((code) => code.value),
  ]);
  let found = hazardsIn(named);
  if (found.size === 0) found = hazardsIn(infos.flatMap((info) => (info.headline ? [info.headline] : [])));
  if (found.size === 0 && infos.some((info) => info.category.includes('Fire'))) found.add('large-fire');
  return found.size === 0 ? null : hazardOrder.filter((hazard) => found.has(hazard));
}
