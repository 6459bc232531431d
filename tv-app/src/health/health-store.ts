// The children as last listed (the record screen names the child from here), the record of the child on show
// for this visit, and the growth curves fetched so far: survey tables that never change, kept for the app's
// life so a chart opens without asking twice. A plain store (see state/ui-state.ts for why not Blits' reactive one).
import {
  bridge,
  type ChildRecordView,
  type ChildView,
  type GrowthCurves,
  type GrowthEdition,
  type GrowthMeasure,
  type HealthResult,
} from '../api/bridge-client.ts';

/** The survey a chart shows first. */
export const defaultEdition: GrowthEdition = '2023';

let children: ChildView[] = [];
/** Per child and edition (the positions in words differ by edition), for this visit. */
const records = new Map<string, Promise<HealthResult<ChildRecordView>>>();
const curves = new Map<string, Promise<HealthResult<GrowthCurves | null>>>();

export const healthStore = {
  get children(): ChildView[] {
    return children;
  },
  setChildren(list: ChildView[]): void {
    children = list;
  },
  child(id: string): ChildView | undefined {
    return children.find((child) => child.id === id);
  },
  /** A new visit to a record: it is read afresh (a municipality may have sent a correction). */
  forgetRecords(): void {
    records.clear();
  },
  /** One child's record for this visit; a failed answer is asked again next time. */
  record(id: string, edition: GrowthEdition) {
    const key = `${id} ${edition}`;
    let answer = records.get(key);
    if (!answer) {
      answer = bridge().childRecord(id, edition);
      records.set(key, answer);
      void answer.then((result) => {
        if (!result.ok) records.delete(key);
      });
    }
    return answer;
  },
  /** The curves of one measure (null where the edition has none); a failed answer is asked again next time. */
  curves(query: { measure: GrowthMeasure; sex: ChildView['sex']; edition: GrowthEdition }) {
    const key = `${query.edition} ${query.measure} ${query.sex}`;
    let answer = curves.get(key);
    if (!answer) {
      answer = bridge().growthCurves(query);
      curves.set(key, answer);
      void answer.then((result) => {
        if (!result.ok) curves.delete(key);
      });
    }
    return answer;
  },
};
