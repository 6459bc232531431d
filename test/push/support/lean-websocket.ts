// A minimal WebSocket client (RFC 6455) for the benchmarks' boxes: one process holds up to 19,000 of them on
// the same two cores as the node it measures, so each read goes straight from one shared buffer to the frame
// parser (net's `onread`: no stream, no allocation per read) and a text frame is handed on as a view of it.
// Client frames are masked with a fresh key each, as the protocol requires; fragmented messages are not used by
// engine.io and are refused.
import { createHash, randomBytes, randomFillSync } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface LeanWebSocket {
  sendText(text: string): void;
  close(): void;
}

/** A text message: valid only during the call (a view of the shared read buffer). */
export type OnText = (data: Buffer, socket: LeanWebSocket) => void;

const acceptGuid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
// Reads are handled synchronously, one socket at a time, so every connection can share one buffer.
const readBuffer = Buffer.allocUnsafe(256 * 1024);
const maskPool = Buffer.allocUnsafe(16 * 1024);
let maskOffset = maskPool.length;

function nextMask(): Buffer {
  if (maskOffset === maskPool.length) {
    randomFillSync(maskPool);
    maskOffset = 0;
  }
  maskOffset += 4;
  return maskPool.subarray(maskOffset - 4, maskOffset);
}

/** One masked client frame (FIN set) of `opcode` carrying `payload`. */
function clientFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + 4 + length);
  frame[0] = 0x80 | opcode;
  if (header === 2) frame[1] = 0x80 | length;
  else if (header === 4) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  const mask = nextMask();
  mask.copy(frame, header);
  const body = header + 4;
  for (let i = 0; i < length; i++) frame[body + i] = (payload[i] as number) ^ (mask[i & 3] as number);
  return frame;
}

/** Opens a WebSocket to `url` (ws://host:port/path); resolves once the server accepted the upgrade. */
export function openLeanWebSocket(url: string, onText: OnText): Promise<LeanWebSocket> {
  const { hostname, port, pathname, search } = new URL(url);
  const key = randomBytes(16).toString('base64');
  const accept = createHash('sha1')
    .update(key + acceptGuid)
    .digest('base64');
  let upgraded = false;
  let pending: Buffer | undefined;

  return new Promise((resolve, reject) => {
    const lean: LeanWebSocket = {
      sendText: (text) => socket.write(clientFrame(0x1, Buffer.from(text))),
      close: () => socket.destroy(),
    };
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };

    /** Handles the complete frames in `data`; returns where an incomplete one starts (data.length if none). */
    function frames(data: Buffer): number {
      let at = 0;
      while (data.length - at >= 2) {
        const first = data[at] as number;
        const second = data[at + 1] as number;
        let length = second & 0x7f;
        let header = 2;
        if (length === 126) {
          if (data.length - at < 4) break;
          length = data.readUInt16BE(at + 2);
          header = 4;
        } else if (length === 127) {
          if (data.length - at < 10) break;
          length = Number(data.readBigUInt64BE(at + 2));
          header = 10;
        }
        if (second & 0x80) throw new Error('the server masked a frame');
        if (data.length - at - header < length) break;
        const payload = data.subarray(at + header, at + header + length);
        at += header + length;
        const opcode = first & 0x0f;
        if ((first & 0x80) === 0 || opcode === 0) throw new Error('fragmented message');
        if (opcode === 0x1) onText(payload, lean);
        else if (opcode === 0x8) socket.end();
        else if (opcode === 0x9) socket.write(clientFrame(0xa, payload));
      }
      return at;
    }

    /** The server's answer to the upgrade request; returns where the frames after it start. */
    function upgrade(data: Buffer): number {
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return 0;
      const head = data.subarray(0, end).toString('latin1');
      const accepted = /^sec-websocket-accept:\s*(\S+)/im.exec(head)?.[1];
      if (!head.startsWith('HTTP/1.1 101 ') || accepted !== accept) {
        throw new Error(`upgrade refused: ${head.split('\r\n')[0]}`);
      }
      upgraded = true;
      resolve(lean);
      return end + 4;
    }

    const socket: Socket = connect({
      host: hostname,
      port: Number(port),
      noDelay: true,
      onread: {
        buffer: readBuffer,
        callback(nread) {
          const read = readBuffer.subarray(0, nread);
          const data = pending ? Buffer.concat([pending, read]) : read;
          pending = undefined;
          try {
            const start = upgraded ? 0 : upgrade(data);
            // An incomplete frame (or upgrade answer) outlives the shared buffer: copied.
            if (!upgraded) pending = Buffer.from(data);
            else {
              const done = start + frames(data.subarray(start));
              if (done < data.length) pending = Buffer.from(data.subarray(done));
            }
          } catch (error) {
            fail(error as Error);
          }
          // Keep reading (false would pause the socket).
          return true;
        },
      },
    });
    socket.once('connect', () =>
      socket.write(
        `GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\n` +
          `Connection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      ),
    );
    socket.on('error', fail);
  });
}
