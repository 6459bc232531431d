import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BasicInfo, issueEndEntity } from '../dev-jpki/index.ts';
import { extractBasicInfo } from './basic-info.ts';
import { parseCertificate } from './certificate-der.ts';
import { startTestPki, type TestPki } from './testing/test-pki.ts';

let t: TestPki;

beforeAll(async () => {
  t = await startTestPki();
});
afterAll(() => t.close());

async function signCertificateWith(basicInfo: BasicInfo | null) {
  // An explicit notAfter: the default (5th birthday) would need a well-formed date of birth.
  const notAfter = new Date(Date.now() + 365 * 86_400_000);
  const issued = await issueEndEntity({ ca: t.pki.ca.sign, purpose: 'sign', basicInfo, notAfter });
  return parseCertificate(issued.der);
}

describe('extractBasicInfo', () => {
  it('reads the four items of a holder’s signature certificate', () => {
    const certificate = parseCertificate(t.certificateDer(t.holder('tanaka-hanako'), 'sign'));
    expect(extractBasicInfo(certificate)).toEqual({
      name: '田中　花子',
      nameSubstitutes: [false, false, false, false, false],
      dateOfBirth: { era: 'showa', date: '1948-04-12' },
      gender: 'female',
      address: '徳島県海部郡美波町奥河内字寺前１２３番地',
      addressSubstitutes: new Array(20).fill(false),
    });
  });

  it('maps substitute flags per character (code point) and every era and gender code', async () => {
    const certificate = await signCertificateWith({
      name: '髙橋　𠮷男',
      nameSubstitute: '10010',
      dateOfBirth: '520190501',
      gender: '3',
      address: '東京都千代田区',
      addressSubstitute: '0000001',
    });
    const info = extractBasicInfo(certificate);
    expect(info.nameSubstitutes).toEqual([true, false, false, true, false]);
    expect(info.addressSubstitutes).toEqual([false, false, false, false, false, false, true]);
    expect(info.dateOfBirth).toEqual({ era: 'reiwa', date: '2019-05-01' });
    expect(info.gender).toBe('unknown');
    const eraless = await signCertificateWith({
      name: '甲',
      dateOfBirth: '018600101',
      gender: '1',
      address: '乙',
    });
    expect(extractBasicInfo(eraless)).toMatchObject({
      dateOfBirth: { era: 'unknown', date: '1860-01-01' },
      gender: 'male',
    });
  });

  it('treats a certificate without, or with broken, basic info as malformed', async () => {
    const broken: (BasicInfo | null)[] = [
      null,
      { name: '甲', dateOfBirth: '31948041', gender: '1', address: '乙' },
      { name: '甲', dateOfBirth: '319480412', gender: '9' as '1', address: '乙' },
      { name: '甲', nameSubstitute: '2', dateOfBirth: '319480412', gender: '1', address: '乙' },
    ];
    for (const basicInfo of broken) {
      const certificate = await signCertificateWith(basicInfo);
      expect(() => extractBasicInfo(certificate)).toThrow(
        expect.objectContaining({ code: 'jpki.cert-malformed' }),
      );
    }
  });
});
