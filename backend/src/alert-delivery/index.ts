// Alert delivery: from a stored alert to one push message rendered per household on every node (README.md).
export { type AlertDelivery, type AlertDeliveryOptions, startAlertDelivery } from './alert-delivery.ts';
export { alertTopic, createAlertDispatcher } from './alert-dispatch.ts';
export { type AlertRenderer, createAlertRenderer } from './alert-renderer.ts';
export { createNodeHouseholds, type NodeHouseholds } from './node-households.ts';
export { loadShelterRegistry } from './stored-shelters.ts';
