export { JPKI_CONTACT_ATR, type PinPurpose, type VirtualCardContents } from './card-contents.ts';
export {
  contentsOfProfile,
  DEFAULT_PKI_DIR,
  type LoadVirtualCardOptions,
  listHolderIds,
  loadVirtualCard,
} from './load-virtual-card.ts';
export {
  createFilePinCounterStore,
  createMemoryPinCounterStore,
  DEFAULT_STATE_DIR,
  type PinCounterStore,
  type TriesLeft,
} from './pin-counter-store.ts';
export { createTestCardContents, placeholderDer, type TestCard } from './test-card-contents.ts';
export { VirtualCardError, type VirtualCardErrorCode } from './virtual-card-error.ts';
export { VirtualJpkiCard, type VirtualJpkiCardOptions } from './virtual-jpki-card.ts';
export {
  DEFAULT_VPCD_PORT,
  type VpcdCard,
  VpcdLink,
  type VpcdLinkEvents,
  type VpcdLinkOptions,
} from './vpcd-link.ts';
