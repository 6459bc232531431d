// Public API of the area names (municipalities and 町字 by code): the wire contract of GET /ops/areas (its route,
// area-routes.ts, is wired by app.ts), the start-up import, the store the demo seed uses, and the compose form's
// description of an area. Read by SQL joins where they are shown (alert-tallies, the shelter views).
export { describeArea, importTownMasterFiles, storeAreaNames } from './area-names.ts';
export { type MunicipalityAreas, municipalityAreasSchema } from './contracts.ts';
