// 美波町 (徳島県, 全国地方公共団体コード 363871): the demo town of the embedded default, where the smart-TV
// evacuation drills with residents' IC cards were held (2013–2016). Its shelters are the project's own data
// file, built from the 国土地理院 指定緊急避難場所・指定避難所データ (credit in the file and the README).
import dataset from './minami-363871-shelters.json' with { type: 'json' };
import { createShelterRegistry, type ShelterRegistry } from './shelter-registry.ts';

let registry: ShelterRegistry | undefined;

/** The registry of 美波町's 35 指定緊急避難場所 and 41 指定避難所 (validated once, on first use). */
export function minamiTownShelters(): ShelterRegistry {
  registry ??= createShelterRegistry(dataset);
  return registry;
}
