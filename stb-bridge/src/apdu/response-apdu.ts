// Response APDUs: data followed by the two status bytes.
import { ApduError, swHex } from './apdu-error.ts';
import { SW } from './status-words.ts';

export interface ResponseApdu {
  data: Uint8Array;
  sw: number;
}

export function parseResponse(bytes: Uint8Array): ResponseApdu {
  if (bytes.length < 2)
    throw new ApduError('apdu.malformed', `response of ${bytes.length} bytes has no status word`);
  const n = bytes.length;
  return { data: bytes.slice(0, n - 2), sw: ((bytes[n - 2] as number) << 8) | (bytes[n - 1] as number) };
}

export function encodeResponse(res: ResponseApdu): Uint8Array {
  const out = new Uint8Array(res.data.length + 2);
  out.set(res.data);
  out[res.data.length] = res.sw >> 8;
  out[res.data.length + 1] = res.sw & 0xff;
  return out;
}

/** Returns the data of a 9000 response; any other status word is an `apdu.status` error that keeps it. */
export function expectOk(res: ResponseApdu, what: string): Uint8Array {
  if (res.sw !== SW.OK)
    throw new ApduError('apdu.status', `${what}: card answered SW=${swHex(res.sw)}`, { sw: res.sw });
  return res.data;
}
