// The 現況届 in progress between its screens: the reports as last listed, the one opened, the answers given,
// and the receipt to show. Nothing secret: the signature password never comes here. A plain store (see
// ui-state.ts for why not Blits' reactive one).
import type { DueReport, ReportAnswer, ReportReceipt, ReportsView } from '../api/bridge-client.ts';

interface ReportState {
  reports: ReportsView;
  /** The report the viewer opened. */
  open: DueReport | undefined;
  /** Answers by question, in the form's order once complete. */
  answers: Map<string, boolean>;
  /** The receipt on show (just received, or a sent report opened from the list). */
  receipt: ReportReceipt | undefined;
}

const state: ReportState = {
  reports: { due: [], waiting: [], sent: [] },
  open: undefined,
  answers: new Map(),
  receipt: undefined,
};

type Listener = (receipt: ReportReceipt) => void;
const arrivalListeners = new Set<Listener>();

export const reportStore = {
  get reports(): ReportsView {
    return state.reports;
  },
  setReports(reports: ReportsView): void {
    state.reports = reports;
  },
  get open(): DueReport | undefined {
    return state.open;
  },
  /** Opens a report with no answers yet. */
  openReport(report: DueReport): void {
    state.open = report;
    state.answers = new Map();
  },
  answer(questionId: string, answer: boolean): void {
    state.answers.set(questionId, answer);
  },
  answerOf(questionId: string): boolean | undefined {
    return state.answers.get(questionId);
  },
  /** Every question's answer in the form's order; undefined while one is missing. */
  answers(): ReportAnswer[] | undefined {
    const questions = state.open?.questions ?? [];
    const answers = questions.map((question) => ({
      questionId: question.id,
      answer: state.answers.get(question.id),
    }));
    if (answers.some((entry) => entry.answer === undefined)) return undefined;
    return answers as ReportAnswer[];
  },
  get receipt(): ReportReceipt | undefined {
    return state.receipt;
  },
  showReceipt(receipt: ReportReceipt): void {
    state.receipt = receipt;
  },
  /** A waiting report's receipt arrived (bridge event). */
  arrived(receipt: ReportReceipt): void {
    for (const listener of [...arrivalListeners]) listener(receipt);
  },
  onArrival(listener: Listener): () => void {
    arrivalListeners.add(listener);
    return () => arrivalListeners.delete(listener);
  },
  /** Done with the report (sent, or the viewer went home). */
  close(): void {
    state.open = undefined;
    state.answers = new Map();
  },
};
