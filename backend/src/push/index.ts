// Push to the set-top boxes: the gateway (for the composition root and the features that publish) and the
// wire contract (types only, for stb-bridge).
export type { AuthenticateBox } from './box-connection.ts';
export type {
  Acknowledgement,
  BoxToServerEvents,
  JsonValue,
  PushAck,
  PushAuth,
  PushErrorCode,
  PushMessage,
  PushNamespace,
  PushTarget,
  ServerToBoxEvents,
} from './contracts.ts';
export type { PublishRequest } from './publish-request.ts';
export { isPushError, PushError } from './push-error.ts';
export {
  createPushGateway,
  type PushGateway,
  type PushGatewayOptions,
  type PushHealth,
  type PushStats,
} from './push-gateway.ts';
export { EncodedPayload, type PushRenderer } from './push-renderer.ts';
