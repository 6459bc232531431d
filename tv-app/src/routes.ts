// The route table: every screen's path, and which screens need the My Number Card in the reader (leaving
// them when the card goes). Screens switch instantly: a fade costs frames on a set-top box and keys pressed
// during a transition are lost.
import type { Route } from '@lightningjs/blits';
import ApplyConfirm from './health/ApplyConfirm.ts';
import ApplyIntro from './health/ApplyIntro.ts';
import ApplyProblem from './health/ApplyProblem.ts';
import ApplyReceipt from './health/ApplyReceipt.ts';
import BirthDateEntry from './health/BirthDateEntry.ts';
import ChildList from './health/ChildList.ts';
import ChildRecord from './health/ChildRecord.ts';
import CardBlocked from './pages/CardBlocked.ts';
import CardWait from './pages/CardWait.ts';
import Home from './pages/Home.ts';
import NoticeList from './pages/NoticeList.ts';
import NoticeView from './pages/NoticeView.ts';
import PasswordEntry from './pages/PasswordEntry.ts';
import PinEntry from './pages/PinEntry.ts';
import Problem from './pages/Problem.ts';
import ReportHolder from './pages/ReportHolder.ts';
import ReportList from './pages/ReportList.ts';
import ReportProblem from './pages/ReportProblem.ts';
import ReportQuestion from './pages/ReportQuestion.ts';
import ReportReceipt from './pages/ReportReceipt.ts';
import ReportSending from './pages/ReportSending.ts';
import ReportSummary from './pages/ReportSummary.ts';
import ReportWaiting from './pages/ReportWaiting.ts';
import SecretBriefing from './pages/SecretBriefing.ts';
import Settings from './pages/Settings.ts';
import SignedIn from './pages/SignedIn.ts';
import WatchingTv from './pages/WatchingTv.ts';
import { withOwnHolder } from './router-page.ts';

interface AppRoute {
  path: string;
  component: Route['component'];
  /** Leaving the card in the reader is part of this screen's task. */
  needsCard?: boolean;
  /** Props the screen always gets on this path. */
  data?: Record<string, unknown>;
}

const table: AppRoute[] = [
  { path: '/', component: Home },
  { path: '/tv', component: WatchingTv },
  { path: '/settings', component: Settings },
  { path: '/card', component: CardWait },
  { path: '/card/found', component: SecretBriefing, needsCard: true, data: { kind: 'auth' } },
  { path: '/pin', component: PinEntry, needsCard: true },
  { path: '/register', component: SecretBriefing, needsCard: true, data: { kind: 'sign' } },
  {
    path: '/register/renewal',
    component: SecretBriefing,
    needsCard: true,
    data: { kind: 'sign', renewal: true },
  },
  { path: '/password', component: PasswordEntry, needsCard: true, data: { purpose: 'register' } },
  { path: '/blocked/:kind', component: CardBlocked },
  { path: '/problem/:problem', component: Problem },
  { path: '/signed-in', component: SignedIn },
  { path: '/reports', component: ReportList },
  { path: '/report/holder', component: ReportHolder },
  { path: '/report/question/:step', component: ReportQuestion },
  { path: '/report/summary', component: ReportSummary },
  { path: '/report/password', component: PasswordEntry, needsCard: true, data: { purpose: 'report' } },
  // Not `needsCard`: a card pulled while signing is told by the bridge's answer (nothing was sent).
  { path: '/report/sending', component: ReportSending, data: { fallback: '/reports' } },
  { path: '/report/receipt', component: ReportReceipt },
  { path: '/report/waiting', component: ReportWaiting },
  { path: '/report/problem/:problem', component: ReportProblem },
  { path: '/notices', component: NoticeList },
  { path: '/notice/:id', component: NoticeView },
  { path: '/children', component: ChildList },
  { path: '/child/:id', component: ChildRecord },
  { path: '/health/apply', component: ApplyIntro },
  { path: '/health/apply/birth', component: BirthDateEntry },
  { path: '/health/apply/confirm', component: ApplyConfirm },
  {
    path: '/health/apply/password',
    component: PasswordEntry,
    needsCard: true,
    data: { purpose: 'health-application' },
  },
  // Not `needsCard`, as the report's: a card pulled while signing is told by the bridge's answer.
  { path: '/health/apply/sending', component: ReportSending, data: { fallback: '/health/apply' } },
  { path: '/health/apply/receipt', component: ApplyReceipt },
  { path: '/health/apply/problem/:problem', component: ApplyProblem },
];

export const routes: Route[] = table.map(({ path, component, data }) => ({
  path,
  component: withOwnHolder(component),
  ...(data ? { data } : {}),
  transition: { before: { prop: 'alpha', value: 1 } },
  // Back never walks a history: App sends it home (or from home to the TV).
  options: { inHistory: false },
}));

const cardPaths = new Set(table.filter((route) => route.needsCard).map((route) => route.path));

/** The path of the screen on show, from the URL hash (`#/pin` → `/pin`). */
export function currentPath(): string {
  return location.hash.replace(/^#/, '').split('?')[0] || '/';
}

export function needsCard(path: string): boolean {
  return cardPaths.has(path);
}
