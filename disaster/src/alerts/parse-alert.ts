// Ingest of one message: check the raw XML, parse once, pick the adapter by root namespace, verify the
// signature on the same text and DOM (CAP), map, and apply the signature policy. Synchronous and
// self-contained so a hostile message costs one call and blocks nothing after it.
import type { X509Certificate } from 'node:crypto';
import { AlertError } from './alert-error.ts';
import type { Alert } from './alert-model.ts';
import { capNamespace, mapCap } from './cap-adapter.ts';
import { jmaNamespaces, mapJma } from './jma-adapter.ts';
import { lAlertNamespaces, mapLAlert } from './l-alert-adapter.ts';
import { enforceSignaturePolicy, noSignatureRequired, type SignaturePolicy } from './signature-policy.ts';
import { childText } from './xml-dom.ts';
import { defaultXmlLimits, parseXmlSafely, type XmlLimits } from './xml-safety.ts';
import { verifyCapSignature } from './xml-signature.ts';

export interface ParseAlertOptions {
  limits?: Partial<XmlLimits>;
  /** Inline CAP resource content above this is dropped (default 256 KiB). */
  maxResourceBytes?: number;
  /** Trust anchors for CAP signatures; without any, a signature can verify but never be valid. */
  anchors?: readonly X509Certificate[];
  /** Senders allowed SHA-1 signatures. */
  sha1Senders?: readonly string[];
  policy?: SignaturePolicy;
  /** Time at which certificates must be valid (default: now). */
  now?: Date;
}

export const defaultMaxResourceBytes = 256 * 1024;

const otherCapVersions = /^urn:oasis:names:tc:emergency:cap:1\.[01]$/;

/** Parses one CAP 1.2, L-Alert or JMA message into the alert model; throws AlertError when rejected. */
export function parseAlert(input: string | Uint8Array, options: ParseAlertOptions = {}): Alert {
  const { text, root } = parseXmlSafely(input, { ...defaultXmlLimits, ...options.limits });
  const namespace = root.namespaceURI ?? '';
  const name = root.localName ?? '';
  let alert: Alert;
  if (namespace === capNamespace && name === 'alert') {
    const signature = verifyCapSignature(root, text, childText(root, capNamespace, 'sender') ?? '', {
      anchors: options.anchors ?? [],
      at: options.now ?? new Date(),
      ...(options.sha1Senders ? { sha1Senders: options.sha1Senders } : {}),
    });
    alert = mapCap(root, signature, {
      maxResourceBytes: options.maxResourceBytes ?? defaultMaxResourceBytes,
    });
  } else if (
    (name === 'Envelope' &&
      (namespace === lAlertNamespaces.soap11 || namespace === lAlertNamespaces.soap12)) ||
    (name === 'EDXLDistribution' && namespace === lAlertNamespaces.edxl)
  ) {
    alert = mapLAlert(root);
  } else if (name === 'Report' && namespace === jmaNamespaces.report) {
    alert = mapJma(root);
  } else if (name === 'alert' && otherCapVersions.test(namespace)) {
    throw new AlertError('alert.format-unknown', `${namespace} is not accepted: CAP 1.2 only`);
  } else {
    throw new AlertError(
      'alert.format-unknown',
      `root <${name}> in namespace "${namespace.slice(0, 80)}" is not CAP 1.2, L-Alert or JMA XML`,
    );
  }
  enforceSignaturePolicy(alert, options.policy ?? noSignatureRequired);
  return alert;
}
