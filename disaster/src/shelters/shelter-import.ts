// Shelter files as municipalities and the 国土地理院 publish them, into the registry's sites (shelter-schema.ts):
// the 国土地理院 GeoJSON (指定緊急避難場所 with the eight hazard flags, 指定避難所 with 受入対象者) and the
// 自治体標準オープンデータセット CSV (指定緊急避難場所一覧 / 指定避難所一覧), UTF-8 or Shift_JIS. A broken row is
// reported by its number and left out; every other row is imported. A file that cannot be read at all (not
// text, not JSON, no header) is a ShelterError 'shelter.file-invalid'.
import { parse as parseCsv } from 'csv-parse/sync';
import { parseCapacityText } from './capacity-text.ts';
import { decodeText, type TextEncoding } from './decode-text.ts';
import { type Hazard, hazardLabels, hazards } from './hazards.ts';
import { ShelterError } from './shelter-error.ts';
import { type Shelter, shelterSchema } from './shelter-schema.ts';

/** Why a row was left out, as a stable code: a dashboard words it in its own language. */
export const shelterImportProblemCodes = [
  /** CSV: the line is not a record (an unclosed quote, say). */
  'record-unreadable',
  /** CSV: not as many fields as the header. */
  'field-count',
  'position-missing',
  /** Not swapped back: guessing where a shelter is would send people to the wrong place. */
  'position-swapped',
  'position-outside-japan',
  /** GeoJSON: neither a 指定緊急避難場所 nor a 指定避難所 feature. */
  'site-kind-unknown',
  'id-missing',
  'id-duplicate',
  /** Not a 国土地理院 共通ID (E and 13 digits): a municipality's own ID, say. */
  'id-not-common-id',
  /** A site of another municipality than the one imported for. */
  'id-other-municipality',
  /** A value the registry cannot hold (`field` names it). */
  'field-invalid',
] as const;
export type ShelterImportProblemCode = (typeof shelterImportProblemCodes)[number];

export interface ShelterImportProblem {
  /** GeoJSON: feature number (1-based); CSV: line of the record (the header is line 1). */
  row: number;
  id: string | null;
  code: ShelterImportProblemCode;
  /** The details in English, for logs and API clients. */
  reason: string;
  /** field-invalid: the registry's field (shelter-schema.ts), e.g. `name` or `capacity.people`. */
  field?: string;
}

type Problem = Pick<ShelterImportProblem, 'code' | 'reason' | 'field'>;

export interface ShelterImport {
  format: 'gsi-geojson' | 'open-data-csv';
  encoding: TextEncoding;
  sites: Shelter[];
  /** People counted at a site, where the file has a count column (七尾市's 人数_令和6年1月9日午後6時時点). */
  occupancy: { id: string; people: number }[];
  problems: ShelterImportProblem[];
}

/** Published flags are "1", 1 or "1.0" (七尾市); empty, null or "0" is no. */
const flag = (value: unknown) => value === 1 || (typeof value === 'string' && Number(value.trim()) === 1);

const text = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';

/** Japan's extent with a margin (as the alert parser): a point outside it that falls inside when swapped. */
const inJapan = (lat: number, lon: number) => lat >= 20 && lat <= 46 && lon >= 122 && lon <= 154;

function checkPosition(latitude: number, longitude: number): Problem | null {
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude))
    return { code: 'position-missing', reason: 'latitude/longitude missing or not numbers' };
  if (!inJapan(latitude, longitude) && inJapan(longitude, latitude))
    return { code: 'position-swapped', reason: 'latitude and longitude are swapped' };
  if (!inJapan(latitude, longitude)) {
    return { code: 'position-outside-japan', reason: `position ${latitude},${longitude} is outside Japan` };
  }
  return null;
}

/** "由岐小学校（津波時は２階以上に避難）" → name + note, as minami-363871-shelters.json has them. */
function splitName(published: string): { name: string; note?: string } {
  const match = /^(.+?)\s*[（(]([^（()）]*(?:階|避難)[^（()）]*)[）)]$/.exec(published);
  return match?.[1] && match[2] ? { name: match[1], note: match[2] } : { name: published };
}

export interface ShelterImportOptions {
  /**
   * Only this municipality's sites (全国地方公共団体コード), keyed by a 国土地理院 共通ID (E, the code's first five
   * digits, eight more) as the backend keys shelters, check-ins and assignments: a municipality's own ID (a CSV's
   * ID column may hold one) or another municipality's site (a prefecture's file) is a row problem.
   */
  municipality?: string;
}

class Rows {
  readonly sites: Shelter[] = [];
  readonly problems: ShelterImportProblem[] = [];
  private readonly ids = new Set<string>();

  constructor(private readonly options: ShelterImportOptions) {}

  add(row: number, candidate: Record<string, unknown>): boolean {
    const id = typeof candidate.id === 'string' && candidate.id !== '' ? candidate.id : null;
    if (id === null) return this.fail(row, null, { code: 'id-missing', reason: 'ID missing' });
    if (this.ids.has(id))
      return this.fail(row, id, { code: 'id-duplicate', reason: `ID ${id} appears twice` });
    const { municipality } = this.options;
    if (municipality !== undefined) {
      if (!/^E\d{13}$/.test(id)) {
        return this.fail(row, id, {
          code: 'id-not-common-id',
          reason: `ID ${id} is not a 国土地理院 共通ID (E and 13 digits)`,
        });
      }
      if (id.slice(1, 6) !== municipality.slice(0, 5)) {
        return this.fail(row, id, {
          code: 'id-other-municipality',
          reason: `ID ${id} is a site of another municipality than ${municipality}`,
        });
      }
    }
    const parsed = shelterSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || 'row';
      return this.fail(row, id, {
        code: 'field-invalid',
        reason: `${field}: ${issue?.message ?? 'invalid'}`,
        field,
      });
    }
    this.ids.add(id);
    this.sites.push(parsed.data);
    return true;
  }

  fail(row: number, id: string | null, problem: Problem): false {
    this.problems.push({ row, id, ...problem });
    return false;
  }
}

function importGeoJson(source: string, encoding: TextEncoding, options: ShelterImportOptions): ShelterImport {
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    throw new ShelterError('shelter.file-invalid', 'shelter GeoJSON is not JSON', { cause: error });
  }
  const features = (json as { type?: unknown; features?: unknown }).features;
  if ((json as { type?: unknown }).type !== 'FeatureCollection' || !Array.isArray(features)) {
    throw new ShelterError('shelter.file-invalid', 'shelter GeoJSON is not a FeatureCollection');
  }
  const rows = new Rows(options);
  for (const [index, feature] of (features as unknown[]).entries()) {
    const row = index + 1;
    const { geometry, properties } = (feature ?? {}) as { geometry?: unknown; properties?: unknown };
    const p = (properties ?? {}) as Record<string, unknown>;
    const id = text(p.共通ID) || null;
    const point = geometry as { type?: unknown; coordinates?: unknown } | null;
    const coordinates = point?.type === 'Point' && Array.isArray(point.coordinates) ? point.coordinates : [];
    const [longitude, latitude] = coordinates.map((c) => (typeof c === 'number' ? c : Number.NaN));
    const position = checkPosition(latitude ?? Number.NaN, longitude ?? Number.NaN);
    if (position) {
      rows.fail(row, id, position);
      continue;
    }
    const isSite = hazards.some((hazard) => hazardLabels[hazard] in p);
    const isShelter = '受入対象者' in p || '指定緊急避難場所との住所同一' in p;
    if (isSite === isShelter) {
      rows.fail(row, id, {
        code: 'site-kind-unknown',
        reason: 'neither a 指定緊急避難場所 nor a 指定避難所 feature',
      });
      continue;
    }
    const common = {
      id,
      ...splitName(text(p['施設・場所名'])),
      address: text(p.住所),
      latitude,
      longitude,
      ...(text(p.受入対象者).includes('要配慮者') ? { acceptedPeople: '要配慮者' } : {}),
    };
    if (isSite) {
      rows.add(row, {
        ...common,
        kind: 'emergency-site',
        hazards: hazards.filter((hazard) => flag(p[hazardLabels[hazard]])),
        sameAddressAsShelter: flag(p.指定避難所との住所同一),
      });
    } else {
      rows.add(row, {
        ...common,
        kind: 'evacuation-shelter',
        sameAddressAsEmergencySite: flag(p.指定緊急避難場所との住所同一),
      });
    }
  }
  return { format: 'gsi-geojson', encoding, sites: rows.sites, occupancy: [], problems: rows.problems };
}

const hazardColumn = (hazard: Hazard) => `災害種別_${hazardLabels[hazard]}`;

function importCsv(source: string, encoding: TextEncoding, options: ShelterImportOptions): ShelterImport {
  const rows = new Rows(options);
  const records: { line: number; fields: string[] }[] = [];
  let header: string[] | undefined;
  parseCsv(source, {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      rows.fail(typeof error?.lines === 'number' ? error.lines : 0, null, {
        code: 'record-unreadable',
        reason: `not a CSV record: ${error?.message ?? 'unreadable'}`,
      });
      return undefined;
    },
    on_record: (record: string[], context) => {
      if (header === undefined) header = record.map((name) => name.trim());
      else records.push({ line: context.lines, fields: record });
      return null;
    },
  });
  if (
    header === undefined ||
    !header.includes('名称') ||
    !header.includes('緯度') ||
    !header.includes('経度')
  ) {
    throw new ShelterError('shelter.file-invalid', 'shelter CSV has no header with 名称, 緯度 and 経度');
  }
  const columns = header;
  const isSiteList = hazards.some((hazard) => columns.includes(hazardColumn(hazard)));
  const countColumn = columns.findIndex((name) => name.startsWith('人数'));
  const occupancy: ShelterImport['occupancy'] = [];
  for (const { line, fields } of records) {
    if (fields.length !== columns.length) {
      rows.fail(line, text(fields[columns.indexOf('ID')]) || null, {
        code: 'field-count',
        reason: `${fields.length} fields, header has ${columns.length}`,
      });
      continue;
    }
    const get = (name: string) => text(fields[columns.indexOf(name)]);
    const latitude = get('緯度') === '' ? Number.NaN : Number(get('緯度'));
    const longitude = get('経度') === '' ? Number.NaN : Number(get('経度'));
    const position = checkPosition(latitude, longitude);
    if (position) {
      rows.fail(line, get('ID') || null, position);
      continue;
    }
    const address =
      get('所在地_連結表記') ||
      ['所在地_都道府県', '所在地_市区町村', '所在地_町字', '所在地_番地以下'].map(get).join('');
    const capacity = parseCapacityText(get('想定収容人数'));
    const welfare = get('受入対象者').includes('要配慮者') || flag(get('福祉避難所'));
    const common = {
      id: get('ID'),
      name: get('名称'),
      ...(get('建物名等(方書)') ? { note: get('建物名等(方書)') } : {}),
      address,
      latitude,
      longitude,
      ...(capacity ? { capacity } : {}),
      ...(welfare ? { acceptedPeople: '要配慮者' } : {}),
    };
    const added = isSiteList
      ? rows.add(line, {
          ...common,
          kind: 'emergency-site',
          hazards: hazards.filter((hazard) => flag(get(hazardColumn(hazard)))),
          sameAddressAsShelter: flag(get('指定避難所との重複')),
        })
      : rows.add(line, {
          ...common,
          kind: 'evacuation-shelter',
          sameAddressAsEmergencySite: flag(get('指定緊急避難場所との重複')),
        });
    const count = countColumn >= 0 ? text(fields[countColumn]).replaceAll(',', '') : '';
    if (added && /^\d+$/.test(count)) occupancy.push({ id: common.id, people: Number(count) });
  }
  rows.problems.sort((a, b) => a.row - b.row);
  return { format: 'open-data-csv', encoding, sites: rows.sites, occupancy, problems: rows.problems };
}

/** Reads a 国土地理院 GeoJSON or a 自治体標準オープンデータセット CSV (told apart by the first character). */
export function importShelterFile(bytes: Uint8Array, options: ShelterImportOptions = {}): ShelterImport {
  const { text: source, encoding } = decodeText(bytes);
  return source.trimStart().startsWith('{')
    ? importGeoJson(source, encoding, options)
    : importCsv(source, encoding, options);
}
