// Errors about the shape of an HTTP request itself (size, media type, JSON, schema), raised at the edge
// before any domain code runs.

export type RequestErrorCode =
  | 'request.body-too-large'
  | 'request.malformed-json'
  | 'request.unknown-field'
  | 'request.invalid'
  | 'request.unsupported-media-type'
  | 'request.not-found';

export class RequestError extends Error {
  readonly code: RequestErrorCode;

  constructor(code: RequestErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'RequestError';
    this.code = code;
  }
}
