// An error as log fields: its class name, stable code, message and stack, and the same for its causes. Only
// these properties are taken: drivers hang request data on their errors (node-postgres' `detail` holds the
// row values of a constraint violation), and none of that belongs in a log.

export interface ErrorFields {
  name: string;
  code?: string;
  message: string;
  stack?: string;
  cause?: ErrorFields;
}

const maxCauses = 4;

export function errorFields(error: unknown, depth = 0): ErrorFields {
  if (!(error instanceof Error)) return { name: typeof error, message: String(error) };
  const code = (error as { code?: unknown }).code;
  const fields: ErrorFields = { name: error.name, message: error.message };
  if (typeof code === 'string') fields.code = code;
  if (error.stack !== undefined) fields.stack = error.stack;
  if (error.cause !== undefined && depth < maxCauses) fields.cause = errorFields(error.cause, depth + 1);
  return fields;
}
