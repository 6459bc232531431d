// Public API of the demo data of the embedded default (`npm start`): 美波町, its shelters, households and
// card holders' homes, one operator account per role, an insurer with a status report due.
export { demoOperatorAccounts, demoOperatorPassword } from './demo-accounts.ts';
export { type DemoHousehold, defaultDemoHouseholdCount, demoHouseholds } from './demo-households.ts';
export { demoInsurer } from './demo-insurer.ts';
export { type DemoBoxKeeper, type DemoSeedReport, seedDemo } from './seed-demo.ts';
