// 母子健康情報: the children the municipality linked to the signed-in parent, oldest first, each with the
// birth date and age. OK (or the child's number) opens the child's record on the growth chart. With no child
// linked yet it goes straight on to the 利用申込み (which shows the applications made and their state); the
// blue button opens it from the list too (another child).
import { bridge } from '../api/bridge-client.ts';
import { listPage } from '../pages/list-page.ts';
import { currentPath } from '../routes.ts';
import { ja } from '../texts/ja.ts';
import { warekiDate } from '../texts/japanese-dates.ts';
import { applicationStore } from './application-store.ts';
import { ageText, japanToday, monthsBetween } from './child-age.ts';
import { destinationOfHealthProblem } from './health-problem.ts';
import { defaultEdition, healthStore } from './health-store.ts';

/** How long the list waits for a record before showing its screen anyway. */
const RECORD_WAIT_MS = 800;
let opening = 0;

export default listPage({
  path: '/children',
  title: ja.health.title,
  hint: ja.health.listHint,
  empty: ja.health.none,
  // Coming back from a child focuses it again.
  rememberFocus: true,
  messageRole: 'child-list-message',
  fetch: () => Promise.all([bridge().children(), bridge().healthApplications()]),
  settle([result, applications]) {
    if (!result.ok) return destinationOfHealthProblem(result.problem, '/children');
    if (!applications.ok) return destinationOfHealthProblem(applications.problem, '/children');
    healthStore.setChildren(result.value);
    applicationStore.setApplications(applications.value);
    if (result.value.length === 0) return { path: '/health/apply' };
    return result.value.map((child) => ({
      id: child.id,
      label: `${child.name}さん`,
      note: ja.health.childRow(
        warekiDate(child.birthDate),
        ageText(monthsBetween(child.birthDate, japanToday())),
      ),
      item: child,
    }));
  },
  // The record is read before the screen changes, so the chart screen is built once with its chart instead
  // of drawn empty and then again (every frame is dear with software GL); a slow answer does not hold the list.
  open(child, go) {
    const turn = ++opening;
    healthStore.forgetRecords();
    const record = healthStore.record(child.id, defaultEdition);
    const waited = new Promise((resolve) => setTimeout(resolve, RECORD_WAIT_MS));
    void Promise.race([record, waited]).then(() => {
      if (turn === opening && currentPath() === '/children') go(`/child/${encodeURIComponent(child.id)}`);
    });
  },
  blue: { label: ja.health.applyKey, path: '/health/apply' },
});
