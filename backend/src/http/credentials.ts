// The credential forms the API accepts, parsed from the request headers:
//   Authorization: Bearer <operator session token>
//   Authorization: Basic base64(<client id>:<client secret>)           API clients
//   Authorization: Device <device id>.<device secret>                  set-top boxes
//   Authorization: Device …  plus  X-Resident-Session: <token>         a resident logged in on that box
//   Authorization: Terminal <terminal id>.<terminal secret>            shelter check-in terminals
// The resident session rides on the device credential so that a token copied off a box is useless elsewhere.

export type Credentials =
  | { scheme: 'bearer'; token: string }
  | { scheme: 'basic'; clientId: string; secret: string }
  | { scheme: 'device'; deviceId: string; secret: string; residentSession: string | null }
  | { scheme: 'terminal'; terminalId: string; secret: string };

export const residentSessionHeader = 'X-Resident-Session';
/** The header name as a type, for clients that import types only. */
export type ResidentSessionHeader = typeof residentSessionHeader;

/** Tokens and secrets we issue are base64url; ids are UUIDs. Anything longer is refused unparsed. */
const maxHeaderLength = 512;
const tokenPattern = /^[A-Za-z0-9_-]{16,128}$/;

/** The credentials in the headers, or null when there are none or they are not in one of the forms above. */
export function parseCredentials(headers: {
  authorization: string | undefined;
  residentSession: string | undefined;
}): Credentials | null {
  const header = headers.authorization?.trim();
  if (header === undefined || header.length > maxHeaderLength) return null;
  const space = header.indexOf(' ');
  if (space < 0) return null;
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (scheme === 'bearer') return tokenPattern.test(value) ? { scheme: 'bearer', token: value } : null;
  if (scheme === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) return null;
    return { scheme: 'basic', clientId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }
  if (scheme === 'device') {
    const dot = value.indexOf('.');
    if (dot <= 0) return null;
    const session = headers.residentSession?.trim();
    if (session !== undefined && !tokenPattern.test(session)) return null;
    return {
      scheme: 'device',
      deviceId: value.slice(0, dot),
      secret: value.slice(dot + 1),
      residentSession: session ?? null,
    };
  }
  if (scheme === 'terminal') {
    const dot = value.indexOf('.');
    if (dot <= 0) return null;
    return { scheme: 'terminal', terminalId: value.slice(0, dot), secret: value.slice(dot + 1) };
  }
  return null;
}
