import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { buildReportDocument, canonicalReportBytes } from './report-document.ts';
import { isReportError } from './report-error.ts';
import { testDraft } from './testing/scripted-report-backend.ts';

const submission = {
  submissionId: '9b2d6c1e-7f3a-4c5b-8d9e-0a1b2c3d4e5f',
  deviceId: '3a9e7c1d-5b2f-4e8a-9c6d-1f0e2d3c4b5a',
  signedAt: new Date('2026-11-24T03:00:00.000Z'),
};

describe('buildReportDocument', () => {
  it('takes the draft as it is and every answer in the order of the form', () => {
    const draft = testDraft();
    const document = buildReportDocument(
      draft,
      [
        { questionId: 'address', answer: false },
        { questionId: 'alive', answer: true },
      ],
      submission,
    );
    expect(document).toEqual({
      type: 'myna-tv/status-report/1',
      submissionId: submission.submissionId,
      contractId: draft.contractId,
      period: '2026-11',
      insurer: draft.insurer,
      referenceNumber: draft.referenceNumber,
      holder: draft.holder,
      declaration: draft.declaration,
      answers: [
        { questionId: 'alive', question: 'ご本人はご存命ですか', answer: true },
        { questionId: 'address', question: '住所に変わりはありませんか', answer: false },
      ],
      deviceId: submission.deviceId,
      signedAt: '2026-11-24T03:00:00.000Z',
    });
  });

  it.each([
    ['left out', [{ questionId: 'alive', answer: true }], /address not answered/],
    [
      'answered twice',
      [
        { questionId: 'alive', answer: true },
        { questionId: 'alive', answer: false },
        { questionId: 'address', answer: true },
      ],
      /alive is answered twice/,
    ],
    [
      'not on the form',
      [
        { questionId: 'alive', answer: true },
        { questionId: 'address', answer: true },
        { questionId: 'bank', answer: true },
      ],
      /no question bank/,
    ],
  ])('refuses answers with a question %s', (_, answers, message) => {
    let caught: unknown;
    try {
      buildReportDocument(testDraft(), answers, submission);
    } catch (error) {
      caught = error;
    }
    expect(isReportError(caught, 'report.answers-mismatch')).toBe(true);
    expect((caught as Error).message).toMatch(message);
  });
});

describe('canonicalReportBytes', () => {
  it('is the RFC 8785 form in UTF-8: sorted keys, no spaces, Japanese text as is', () => {
    const draft = testDraft();
    const document = buildReportDocument(
      draft,
      draft.questions.map((q) => ({ questionId: q.id, answer: true })),
      submission,
    );
    const text = new TextDecoder().decode(canonicalReportBytes(document));
    expect(text).toBe(canonicalize(document));
    expect(text.startsWith('{"answers":[{"answer":true,"question":"ご本人はご存命ですか"')).toBe(true);
    expect(text).not.toMatch(/\\u|\n| ":/);
    expect(JSON.parse(text)).toEqual(document);
  });
});
