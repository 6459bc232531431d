export { CryptoError, type CryptoErrorCode } from './crypto-error.ts';
export { createFieldCipher, type FieldAddress, type FieldCipher } from './field-cipher.ts';
export { verifyFieldKeys } from './field-key-check.ts';
export { type FieldKey, fieldKeyFile, formatFieldKeys, loadFieldKeys, parseFieldKeys } from './field-keys.ts';
