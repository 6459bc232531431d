// The four basic items (基本4情報) of a signature certificate, read from its subjectAltName otherNames
// 1.2.392.200149.8.5.5.1…6 (jpki spec §4.2). Parsed with asn1js directly: pkijs's GeneralName mangles
// otherName values.
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { JpkiError } from './jpki-error.ts';
import { basicInfoOid, extensionOid } from './oids.ts';

/** Era digit of `EYYYYMMDD`: 1 明治 2 大正 3 昭和 4 平成 5 令和, 0 不明. */
const eras = ['unknown', 'meiji', 'taisho', 'showa', 'heisei', 'reiwa'] as const;
export type Era = (typeof eras)[number];

const genders = { '1': 'male', '2': 'female', '3': 'unknown' } as const;
export type Gender = (typeof genders)[keyof typeof genders];

export interface CertificateBasicInfo {
  /** 氏名, family and given name separated by U+3000. */
  name: string;
  /** One flag per character (code point) of `name`: true = substitute character (外字 replaced). */
  nameSubstitutes: boolean[];
  /** The era as written on the card, and the Gregorian date YYYY-MM-DD. */
  dateOfBirth: { era: Era; date: string };
  gender: Gender;
  address: string;
  addressSubstitutes: boolean[];
}

const malformed = (message: string) => new JpkiError('jpki.cert-malformed', `basic info: ${message}`);

export function extractBasicInfo(certificate: pkijs.Certificate): CertificateBasicInfo {
  const values = otherNameValues(certificate);
  const get = (oid: string, what: string): string => {
    const value = values.get(oid);
    if (value === undefined) throw malformed(`no ${what}`);
    return value;
  };
  const name = get(basicInfoOid.commonName, 'name');
  const address = get(basicInfoOid.address, 'address');
  const genderCode = get(basicInfoOid.gender, 'gender');
  const gender = (genders as Record<string, Gender | undefined>)[genderCode];
  if (gender === undefined) throw malformed(`gender "${genderCode}"`);
  return {
    name,
    nameSubstitutes: substituteFlags(values.get(basicInfoOid.commonNameSubstitute), name),
    dateOfBirth: dateOfBirthOf(get(basicInfoOid.dateOfBirth, 'date of birth')),
    gender,
    address,
    addressSubstitutes: substituteFlags(values.get(basicInfoOid.addressSubstitute), address),
  };
}

/** type-id → string value of every `otherName [0] { type-id OID, value [0] EXPLICIT <string> }` in the SAN. */
function otherNameValues(certificate: pkijs.Certificate): Map<string, string> {
  const san = certificate.extensions?.find((e) => e.extnID === extensionOid.subjectAltName);
  if (san === undefined) throw malformed('no subjectAltName');
  const parsed = asn1js.fromBER(san.extnValue.valueBlock.valueHexView);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence))
    throw malformed('subjectAltName is not DER');
  const values = new Map<string, string>();
  for (const name of parsed.result.valueBlock.value) {
    if (name.idBlock.tagClass !== 3 || name.idBlock.tagNumber !== 0 || !(name instanceof asn1js.Constructed))
      continue;
    const [typeId, explicit] = name.valueBlock.value;
    if (!(typeId instanceof asn1js.ObjectIdentifier) || !(explicit instanceof asn1js.Constructed)) {
      throw malformed('otherName is not { OID, [0] value }');
    }
    const value = explicit.valueBlock.value[0];
    const text = (value as asn1js.BaseStringBlock | undefined)?.valueBlock?.value;
    if (typeof text !== 'string')
      throw malformed(`otherName ${typeId.valueBlock.toString()} is not a string`);
    values.set(typeId.valueBlock.toString(), text);
  }
  return values;
}

/** `EYYYYMMDD`, E the era digit, then the Gregorian date (e.g. `319480412` → 昭和, 1948-04-12). */
function dateOfBirthOf(text: string): { era: Era; date: string } {
  const match = /^([0-5])(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (match === null) throw malformed(`date of birth "${text}"`);
  const [, era, year, month, day] = match;
  return { era: eras[Number(era)] as Era, date: `${year}-${month}-${day}` };
}

/**
 * '0'/'1' per character; absent flags mean no substitutes. The granularity is not public (jpki spec §9.6), so
 * a length other than the text's is passed on as it is rather than refusing a real card.
 */
function substituteFlags(flags: string | undefined, text: string): boolean[] {
  if (flags === undefined) return new Array<boolean>([...text].length).fill(false);
  if (!/^[01]*$/.test(flags)) throw malformed(`substitute flags "${flags}"`);
  return [...flags].map((f) => f === '1');
}
