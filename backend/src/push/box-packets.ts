// A `push:message` encoded once and written to many boxes as it is, the way socket.io's own broadcast does it
// (socket.io-adapter `broadcast`: encode the packet once, precompute the WebSocket frame, write it per socket).
// Doing it here rather than through `nsp.local.to(ids).emit()` spares the adapter's room sets per chunk, lets a
// rendered message share one packet per household, and frames it as one buffer (one socket write per box). A
// box whose connection has nothing queued gets the frame written straight to its WebSocket, past engine.io's
// per-packet bookkeeping (packet object, write buffer, flush and drain events, send callback): a third of the
// fan-out's CPU per box (push-fanout: 34.6 → 22.2 µs). The box receives a normal `push:message` event.
import type { BoxNamespace, BoxSocket } from './box-namespace.ts';
import type { PushMessage } from './contracts.ts';
import type { EncodedPayload } from './push-renderer.ts';

/** socket.io-parser's EVENT packet type. */
const EVENT = 2;
/** Stands for the payload while the rest of the message is encoded once (JSON escapes the NULs). */
const payloadMark = JSON.stringify('\u0000payload\u0000');

/**
 * One message with one payload, as the boxes it is for receive it. Only the frame is made up front; the rest
 * (for a box whose replay holds live messages, or a connection that is not a plain WebSocket) when asked.
 */
export class BoxPacket {
  readonly #envelope: PushMessage;
  readonly #payload: EncodedPayload;
  /** The envelope's text before and after the payload. */
  readonly #around: { head: string; tail: string };
  /** The WebSocket text frame of engine.io message packet `4` + the socket.io packet. */
  readonly frame: Buffer;

  constructor(
    envelope: PushMessage,
    payload: EncodedPayload,
    around: { head: string; tail: string },
    frame: Buffer,
  ) {
    this.#envelope = envelope;
    this.#payload = payload;
    this.#around = around;
    this.frame = frame;
  }

  get message(): PushMessage {
    return { ...this.#envelope, payload: this.#payload.value() };
  }

  /** The socket.io packet's text, exactly what the server's default encoder gives for the same event. */
  get encoded(): string {
    return this.#around.head + this.#payload.json + this.#around.tail;
  }
}

/**
 * Frames a message once per payload: the envelope (seq, target, dates) is encoded once, each payload (the
 * message's own, or a household's rendered one, both encoded already) is spliced in, and framed for WebSocket.
 * The text is exactly what the server's default socket.io-parser encoder gives for the same event
 * (box-packets.test.ts checks it).
 */
export function createBoxPacketEncoder(
  nsp: BoxNamespace,
  message: PushMessage,
): (payload: EncodedPayload) => BoxPacket {
  const data = JSON.stringify(['push:message', { ...message, payload: JSON.parse(payloadMark) }]);
  const at = data.indexOf(payloadMark);
  // socket.io v5 text packet: type, namespace unless '/', then the event array.
  const head = `${EVENT}${nsp.name === '/' ? '' : `${nsp.name},`}${data.slice(0, at)}`;
  const tail = data.slice(at + payloadMark.length);
  const around = { head, tail };
  // "4" is engine.io's message packet type: the text the websocket frame carries.
  const headBytes = Buffer.from(`4${head}`);
  const tailBytes = Buffer.from(tail);
  return (payload) => new BoxPacket(message, payload, around, textFrame(headBytes, payload.bytes, tailBytes));
}

/** The socket.io and engine.io internals a write uses (checked at each use; typed here once). */
interface SocketInternals {
  client: { writeToEngine?: (encoded: string, options: object) => void };
  _anyOutgoingListeners?: unknown[];
  notifyOutgoingListeners?: (packet: { type: number; nsp: string; data: unknown[] }) => void;
}

interface EngineConnection {
  readyState: string;
  writeBuffer: unknown[];
  transport: {
    name: string;
    writable: boolean;
    perMessageDeflate?: unknown;
    socket?: { readyState?: number; _sender?: { sendFrame?: (frames: Buffer[]) => void } };
  };
}

/** `ws` WebSocket.OPEN */
const OPEN = 1;

/**
 * Writes a packet to one box: straight to its WebSocket when engine.io has nothing waiting for it (so nothing
 * is overtaken: whatever engine.io wrote before is already in the socket), through engine.io's pre-encoded
 * path otherwise (it queues behind what waits), and as a plain emit where neither internal is there.
 */
export function writeBoxPacket(socket: BoxSocket, packet: BoxPacket): void {
  const internals = socket as unknown as SocketInternals;
  const { writeToEngine } = internals.client;
  if (typeof writeToEngine !== 'function') {
    socket.emit('push:message', packet.message);
    return;
  }
  if (internals._anyOutgoingListeners?.length) {
    internals.notifyOutgoingListeners?.({
      type: EVENT,
      nsp: socket.nsp.name,
      data: ['push:message', packet.message],
    });
  }
  if (writeStraight(socket.conn as unknown as EngineConnection, packet.frame)) return;
  writeToEngine.call(internals.client, packet.encoded, {
    preEncoded: true,
    wsPreEncodedFrame: [packet.frame],
  });
}

function writeStraight(conn: EngineConnection, frame: Buffer): boolean {
  const { transport } = conn;
  if (
    conn.readyState !== 'open' ||
    conn.writeBuffer.length > 0 ||
    transport.name !== 'websocket' ||
    !transport.writable ||
    transport.perMessageDeflate
  ) {
    return false;
  }
  const ws = transport.socket;
  const send = ws?._sender?.sendFrame;
  if (ws?.readyState !== OPEN || typeof send !== 'function') return false;
  // What engine.io's websocket transport itself does with a pre-encoded frame, minus its bookkeeping; a write
  // error reaches `ws` (and engine.io) through the socket's error event as for any other write.
  send.call(ws._sender, [frame]);
  return true;
}

/**
 * An unmasked, final WebSocket text frame (RFC 6455 §5.2: a server never masks) of the UTF-8 parts in order,
 * header and data in one buffer.
 */
export function textFrame(...parts: Buffer[]): Buffer {
  let length = 0;
  for (const part of parts) length += part.length;
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x81;
  if (headerLength === 2) frame[1] = length;
  else if (headerLength === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  let offset = headerLength;
  for (const part of parts) offset += part.copy(frame, offset);
  return frame;
}
