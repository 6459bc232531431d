// 母子健康情報: the children the municipality linked to the signed-in parent, oldest first, each with the
// birth date and age. OK (or the child's number) opens the child's record on the growth chart.
import { bridge } from '../api/bridge-client.ts';
import { listPage } from '../pages/list-page.ts';
import { ja } from '../texts/ja.ts';
import { warekiDate } from '../texts/japanese-dates.ts';
import { ageText, japanToday, monthsBetween } from './child-age.ts';
import { destinationOfHealthProblem } from './health-problem.ts';
import { healthStore } from './health-store.ts';

export default listPage({
  path: '/children',
  title: ja.health.title,
  hint: ja.health.listHint,
  empty: ja.health.none,
  // Coming back from a child focuses it again.
  rememberFocus: true,
  messageRole: 'child-list-message',
  fetch: () => bridge().children(),
  settle(result) {
    if (!result.ok) return destinationOfHealthProblem(result.problem, '/children');
    healthStore.setChildren(result.value);
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
  open(child, go) {
    go(`/child/${encodeURIComponent(child.id)}`);
  },
});
