export { BackendLink, type BackendLinkEvents, type BackendLinkOptions } from './backend-link.ts';
export type { BackoffOptions } from './backoff.ts';
export {
  credentialFileName,
  type DeviceCredential,
  readDeviceCredential,
  writeDeviceCredential,
} from './device-credential.ts';
export { isLinkError, LinkError, type LinkErrorCode } from './link-error.ts';
export { type InboxEntry, type InboxEvents, inboxFileName, PushInbox } from './push-inbox.ts';
