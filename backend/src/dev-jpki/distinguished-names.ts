// The X.500 names of the development hierarchy, laid out like J-LIS's (jpki spec §4.1/§4.2) but under
// `O=JPKI-EMU`. C is a PrintableString, every other attribute a UTF8String, as on the real certificates.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  type CertPurpose,
  caUnit,
  devOrganization,
  jlisUnit,
  jpkiServiceName,
  nameOid,
} from '../jpki/oids.ts';
import type { Locality } from './holder-profile.ts';

type Attribute = readonly [type: string, value: string];

/** One attribute per RDN (pkijs would put them all into a single multi-valued RDN), parsed back so the
 *  object keeps its exact DER. */
function buildName(attributes: readonly Attribute[]): pkijs.RelativeDistinguishedNames {
  const rdns = attributes.map(([type, value]) => {
    const attribute = new pkijs.AttributeTypeAndValue({
      type,
      value:
        type === nameOid.country ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }),
    });
    return new asn1js.Set({ value: [attribute.toSchema()] });
  });
  return pkijs.RelativeDistinguishedNames.fromBER(new asn1js.Sequence({ value: rdns }).toBER(false));
}

const japan: Attribute = [nameOid.country, 'JP'];

/** `C=JP, O=<organization>, OU=<CA unit>, OU=<J-LIS unit>`: subject and issuer of a CA certificate. */
export function caName(
  purpose: CertPurpose,
  organization = devOrganization,
): pkijs.RelativeDistinguishedNames {
  return buildName([
    japan,
    [nameOid.organization, organization],
    [nameOid.organizationalUnit, caUnit[purpose]],
    [nameOid.organizationalUnit, jlisUnit],
  ]);
}

/**
 * The Japanese service DirName: with a purpose the CA's subjectAltName form (…OU=公的個人認証サービス署名用,
 * OU=地方公共団体情報システム機構), without one the short issuerAltName form of end-entity certificates.
 */
export function serviceDirName(purpose?: CertPurpose): pkijs.RelativeDistinguishedNames {
  const head: Attribute[] = [japan, [nameOid.organization, jpkiServiceName.organization]];
  if (!purpose) return buildName(head);
  return buildName([
    ...head,
    [nameOid.organizationalUnit, jpkiServiceName.unit[purpose]],
    [nameOid.organizationalUnit, jpkiServiceName.jlis],
  ]);
}

/** End-entity subject: `C=JP, L=<prefecture>, L=<city>, CN=<id>` (signature) or `C=JP, CN=<id>` (auth). */
export function endEntityName(options: {
  commonName: string;
  locality?: Locality;
}): pkijs.RelativeDistinguishedNames {
  const { commonName, locality } = options;
  const places: Attribute[] = locality
    ? [
        [nameOid.locality, locality.prefecture],
        [nameOid.locality, locality.city],
      ]
    : [];
  return buildName([japan, ...places, [nameOid.commonName, commonName]]);
}

/** CRL partition DirName of an end-entity certificate (`…,OU=CRL Distribution Points,OU=<pref>,CN=<city> CRLDP`). */
export function crlPartitionName(options: {
  purpose: CertPurpose;
  locality: Locality;
  organization?: string;
}): pkijs.RelativeDistinguishedNames {
  const { purpose, locality, organization = devOrganization } = options;
  return buildName([
    japan,
    [nameOid.organization, organization],
    [nameOid.organizationalUnit, caUnit[purpose]],
    [nameOid.organizationalUnit, 'CRL Distribution Points'],
    [nameOid.organizationalUnit, locality.prefecture],
    [nameOid.commonName, `${locality.city} CRLDP`],
  ]);
}

/** The `O=` value of a name (the development CA's organisation, read back from a loaded certificate). */
export function organizationOf(name: pkijs.RelativeDistinguishedNames): string | undefined {
  const attribute = name.typesAndValues.find((entry) => entry.type === nameOid.organization);
  return attribute?.value.valueBlock.value;
}
