export { type PeriodicRound, startPeriodicRound } from './periodic-round.ts';
