// Enveloped XML-DSig on CAP (CAP 1.2 §3.3.2.1; spec §1.6), verified with xml-crypto on the very text that
// is mapped, then the signer's certificate chained to the configured anchors (certificate-chain.ts).
// Signature-wrapping defences: Signature elements only as children of the root, one Reference per
// Signature and it must be URI="" (the whole document), allow-listed transforms and algorithms. Several
// signatures (Canada: sender + NAADS) each exclude the others, as their producers do: each is checked on the
// document with the others removed, and every one must verify.
import { X509Certificate } from 'node:crypto';
import { type Element, XMLSerializer } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import type { SignatureOutcome } from './alert-model.ts';
import { chainToAnchor, subjectLine } from './certificate-chain.ts';
import { childElements } from './xml-dom.ts';

const xmlDsigNamespace = 'http://www.w3.org/2000/09/xmldsig#';

export interface SignatureCheckOptions {
  /** Trust anchors (root CAs or pinned signer certificates). */
  anchors: readonly X509Certificate[];
  /** Time at which certificates must be valid. */
  at: Date;
  /** Senders allowed to sign with SHA-1 (legacy feeds that cannot change); none by default. */
  sha1Senders?: readonly string[];
}

const transforms = new Set([
  'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  'http://www.w3.org/2001/10/xml-exc-c14n#',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
]);
const strongSignatureMethods = new Set([
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
]);
const strongDigestMethods = new Set([
  'http://www.w3.org/2001/04/xmlenc#sha256',
  'http://www.w3.org/2001/04/xmlenc#sha512',
]);
const sha1 = {
  signature: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  digest: 'http://www.w3.org/2000/09/xmldsig#sha1',
};

const unsigned: SignatureOutcome = { present: false, valid: false, signer: null };
const invalid = (reason: string): SignatureOutcome => ({ present: true, valid: false, signer: null, reason });

function descendantSignatures(root: Element): Element[] {
  return Array.from(root.getElementsByTagNameNS(xmlDsigNamespace, 'Signature'));
}

const algorithmOf = (element: Element | undefined) => element?.getAttribute('Algorithm') ?? '';

/** Why this Signature's shape is not accepted, or null. */
function shapeProblem(signature: Element, allowSha1: boolean): string | null {
  const signedInfos = childElements(signature, xmlDsigNamespace, 'SignedInfo');
  const signedInfo = signedInfos[0];
  if (!signedInfo || signedInfos.length > 1) return 'a Signature needs exactly one SignedInfo';
  const references = childElements(signedInfo, xmlDsigNamespace, 'Reference');
  const reference = references[0];
  if (!reference || references.length > 1) return 'a Signature must have exactly one Reference';
  if (reference.getAttribute('URI') !== '') return 'the Reference must be URI="" (the whole alert)';
  const method = algorithmOf(childElements(signedInfo, xmlDsigNamespace, 'SignatureMethod')[0]);
  const digest = algorithmOf(childElements(reference, xmlDsigNamespace, 'DigestMethod')[0]);
  const weakAllowed = (value: string, weak: string) => allowSha1 && value === weak;
  if (!strongSignatureMethods.has(method) && !weakAllowed(method, sha1.signature)) {
    return `signature method ${method || '(none)'} is not accepted`;
  }
  if (!strongDigestMethods.has(digest) && !weakAllowed(digest, sha1.digest)) {
    return `digest method ${digest || '(none)'} is not accepted`;
  }
  const transformList = childElements(reference, xmlDsigNamespace, 'Transforms')[0];
  for (const transform of transformList ? childElements(transformList, xmlDsigNamespace, 'Transform') : []) {
    if (!transforms.has(algorithmOf(transform))) return `transform ${algorithmOf(transform)} is not accepted`;
  }
  return null;
}

function certificatesOf(signature: Element): X509Certificate[] {
  const keyInfo = childElements(signature, xmlDsigNamespace, 'KeyInfo')[0];
  if (!keyInfo) return [];
  return childElements(keyInfo, xmlDsigNamespace, 'X509Data').flatMap((data) =>
    childElements(data, xmlDsigNamespace, 'X509Certificate').map(
      (element) =>
        new X509Certificate(Buffer.from((element.textContent ?? '').replace(/\s+/g, ''), 'base64')),
    ),
  );
}

/** The document text with every Signature but `keep` removed (several signatures exclude each other). */
function textWithOnly(root: Element, keep: Element, text: string, count: number): string {
  if (count === 1) return text;
  const copy = root.cloneNode(true) as Element;
  const keepIndex = childElements(root, xmlDsigNamespace, 'Signature').indexOf(keep);
  childElements(copy, xmlDsigNamespace, 'Signature').forEach((signature, index) => {
    if (index !== keepIndex) copy.removeChild(signature);
  });
  return new XMLSerializer().serializeToString(copy);
}

function verifyOne(
  root: Element,
  signature: Element,
  text: string,
  count: number,
  options: SignatureCheckOptions,
  sender: string,
): SignatureOutcome {
  const problem = shapeProblem(signature, options.sha1Senders?.includes(sender) ?? false);
  if (problem) return invalid(problem);
  let certificates: X509Certificate[];
  try {
    certificates = certificatesOf(signature);
  } catch {
    return invalid('KeyInfo holds a certificate that cannot be read');
  }
  const [leaf, ...intermediates] = certificates;
  if (!leaf) return invalid('KeyInfo carries no X509Certificate');
  let verified: boolean;
  try {
    const signedXml = new SignedXml({ publicCert: leaf.toString(), getCertFromKeyInfo: () => null });
    signedXml.loadSignature(new XMLSerializer().serializeToString(signature));
    verified = signedXml.checkSignature(textWithOnly(root, signature, text, count));
  } catch (cause) {
    return invalid(`signature cannot be checked: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  if (!verified) return invalid('signature does not match the message');
  const chain = chainToAnchor(leaf, intermediates, options.anchors, options.at);
  if (!chain.ok) return invalid(chain.reason);
  return { present: true, valid: true, signer: subjectLine(leaf) };
}

/**
 * Verifies the enveloped signatures of a CAP document. `text` must be exactly what `root` was parsed from.
 * Valid when every signature verifies and chains to an anchor; `signer` is the first signature's subject.
 */
export function verifyCapSignature(
  root: Element,
  text: string,
  sender: string,
  options: SignatureCheckOptions,
): SignatureOutcome {
  const all = descendantSignatures(root);
  if (all.length === 0) return unsigned;
  const atRoot = childElements(root, xmlDsigNamespace, 'Signature');
  if (atRoot.length !== all.length)
    return invalid('a Signature is nested below the root (signature wrapping)');
  let first: SignatureOutcome | null = null;
  for (const signature of atRoot) {
    const outcome = verifyOne(root, signature, text, atRoot.length, options, sender);
    if (!outcome.valid) return outcome;
    first ??= outcome;
  }
  return first ?? unsigned;
}
