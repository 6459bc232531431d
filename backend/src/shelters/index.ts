// Public API of the shelter sites the backend stores (the shelters table alerts assign from; alert-delivery
// reads it): storing sites, the import contract. The import route (shelter-import-routes.ts) is wired by
// app.ts, not re-exported here.
export { type ShelterImportAnswer, shelterImportAnswerSchema } from './contracts.ts';
export { storeShelterRegistry, storeShelters } from './store-shelters.ts';
