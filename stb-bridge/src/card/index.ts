export { CardError, type CardErrorCode, type CardErrorOptions, isCardError } from './card-error.ts';
export {
  type CardConnection,
  type CardPresence,
  type CardReader,
  CardReaderBase,
  type CardReaderEvents,
  type ConnectOptions,
  DEFAULT_TRANSMIT_TIMEOUT_MS,
  type ReaderState,
  type TransmitOptions,
  type WaitForCardOptions,
} from './card-reader.ts';
export { assertAllowedCommand, guardConnection, isForbiddenSelect } from './forbidden-aid-guard.ts';
export {
  type HidDevice,
  type HidDeviceEvents,
  type OpenHidDeviceOptions,
  openHidDevice,
} from './hid-device.ts';
export { HID_REMOTE_READER_NAME, HidRemoteReader } from './hid-remote-reader.ts';
export { PcscReader, type PcscReaderOptions } from './pcsc-reader.ts';
export {
  type KeyAction,
  REMOTE_KEY_CODES,
  type RemoteKey,
  type RemoteKeyEvent,
} from './remote-keys.ts';
export { type InProcessCard, VIRTUAL_READER_NAME, VirtualReader } from './virtual-reader.ts';
