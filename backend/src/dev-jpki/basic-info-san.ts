// The signature certificate's subjectAltName: the four basic items and the two substitute-character flag
// strings as otherNames 1.2.392.200149.8.5.5.1…6, in the order real cards carry them (.1 .4 .3 .5 .2 .6).
// Built with asn1js directly: pkijs GeneralName.toSchema double-wraps otherName (jpki spec §4.4).
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { basicInfoOid, extensionOid } from '../jpki/oids.ts';
import type { BasicInfo } from './holder-profile.ts';

/** `GeneralName.otherName [0] IMPLICIT SEQUENCE { type-id OID, value [0] EXPLICIT UTF8String }`. */
function otherName(typeId: string, value: string): asn1js.Constructed {
  return new asn1js.Constructed({
    idBlock: { tagClass: 3, tagNumber: 0 },
    value: [
      new asn1js.ObjectIdentifier({ value: typeId }),
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 0 },
        value: [new asn1js.Utf8String({ value })],
      }),
    ],
  });
}

/** All-'0' flags, one per character (code point) of `text`. */
export function noSubstitutes(text: string): string {
  return '0'.repeat([...text].length);
}

export function basicInfoSanExtension(info: BasicInfo): pkijs.Extension {
  const names = new asn1js.Sequence({
    value: [
      otherName(basicInfoOid.commonName, info.name),
      otherName(basicInfoOid.dateOfBirth, info.dateOfBirth),
      otherName(basicInfoOid.gender, info.gender),
      otherName(basicInfoOid.address, info.address),
      otherName(basicInfoOid.commonNameSubstitute, info.nameSubstitute ?? noSubstitutes(info.name)),
      otherName(basicInfoOid.addressSubstitute, info.addressSubstitute ?? noSubstitutes(info.address)),
    ],
  });
  return new pkijs.Extension({
    extnID: extensionOid.subjectAltName,
    critical: false,
    extnValue: names.toBER(false),
  });
}
