// Bytes of a published data file as text. Japanese open data comes as UTF-8 (with or without a BOM) or as
// Shift_JIS (many 自治体標準オープンデータセット CSVs): strict UTF-8 first, since Shift_JIS text is almost never
// valid UTF-8, then strict Shift_JIS (Node's full-ICU TextDecoder knows it; it reads Windows-31J, the variant
// Excel writes). Bytes valid as neither are refused rather than read with replacement characters.
import { ShelterError } from './shelter-error.ts';

export type TextEncoding = 'utf-8' | 'shift_jis';

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  for (const encoding of ['utf-8', 'shift_jis'] as const) {
    try {
      // TextDecoder drops a UTF-8 BOM itself (ignoreBOM false).
      return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
    } catch {
      // Not this encoding; try the next.
    }
  }
  throw new ShelterError('shelter.file-invalid', 'shelter file is neither UTF-8 nor Shift_JIS text');
}
