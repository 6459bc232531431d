// Public API of the health records (母子健康情報): the growth curves and where a value lies on them, the routine
// immunisation schedule, the parent's 利用申込み (wire types for stb-bridge), the vaccination reminder job and
// its timer, errors. The HTTP routes (health-routes.ts) are wired by app.ts, not re-exported here: http/ imports
// this file.
export { type ChildRecord, childRecord } from './child-record.ts';
export { type ReadBundle, readBundle } from './fhir-bundle.ts';
export {
  ageInMonths,
  describePosition,
  type GrowthCurves,
  type GrowthEdition,
  type GrowthMeasure,
  type GrowthPosition,
  growthCurves,
  growthEditions,
  growthMeasures,
  growthPosition,
  percentilesAt,
} from './growth-curves.ts';
export { HealthError, type HealthErrorCode } from './health-error.ts';
export { type BundleSummary, bundleSha256, storeBundle } from './health-records.ts';
export { type DueDose, dueDoses, routineSchedule, routineVaccines } from './immunisation-schedule.ts';
export { type LinkApplicationDocument, linkApplicationType } from './link-applications.ts';
export { type ReminderJob, startReminderJob } from './reminder-job.ts';
export { sendVaccinationReminders } from './vaccination-reminders.ts';
export type { LinkApplication, LinkApplicationState } from './view-contracts.ts';
