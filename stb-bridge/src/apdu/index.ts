export { ApduError, type ApduErrorCode, swHex } from './apdu-error.ts';
export { type CommandApdu, encodeCommand, parseCommand } from './command-apdu.ts';
export { encodeResponse, expectOk, parseResponse, type ResponseApdu } from './response-apdu.ts';
export { SW, triesLeftOf } from './status-words.ts';
