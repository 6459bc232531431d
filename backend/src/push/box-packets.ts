// A `push:message` encoded once and written to many boxes as it is, the way socket.io's own broadcast does it
// (socket.io-adapter `broadcast`: encode the packet once, precompute the WebSocket frame, then
// `socket.client.writeToEngine(encoded, { preEncoded: true, wsPreEncodedFrame })` per socket). Doing it here
// rather than through `nsp.local.to(ids).emit()` spares the adapter's room sets per chunk, lets a rendered
// message share one packet per household, and frames it as one buffer (one socket write per box instead of a
// corked pair). The box receives a normal `push:message` event either way.
import type { BoxNamespace, BoxSocket } from './box-namespace.ts';
import type { JsonValue, PushMessage } from './contracts.ts';

export interface BoxPacket {
  /** The message as the boxes this packet is for receive it. */
  message: PushMessage;
  /** socket.io packet (for outgoing-event listeners), its encoding, and the engine.io write options. */
  packet: { type: number; nsp: string; data: [string, PushMessage] };
  encoded: [string];
  options: { preEncoded: true; wsPreEncodedFrame: [Buffer] };
}

/** socket.io-parser's EVENT packet type. */
const EVENT = 2;
/** Stands for the payload while the rest of the message is encoded once (JSON escapes the NULs). */
const payloadMark = JSON.stringify('\u0000payload\u0000');

/**
 * Encodes a message once per payload: the envelope (seq, target, dates) is encoded once, each payload (the
 * message's own, or a household's rendered one) is spliced in. The text is exactly what the server's default
 * socket.io-parser encoder gives for the same event (box-packets.test.ts checks it), framed for WebSocket.
 */
export function createBoxPacketEncoder(
  nsp: BoxNamespace,
  message: PushMessage,
): (payload: JsonValue) => BoxPacket {
  const data = JSON.stringify(['push:message', { ...message, payload: JSON.parse(payloadMark) }]);
  const at = data.indexOf(payloadMark);
  // socket.io v5 text packet: type, namespace unless '/', then the event array.
  const head = `${EVENT}${nsp.name === '/' ? '' : `${nsp.name},`}${data.slice(0, at)}`;
  const tail = data.slice(at + payloadMark.length);
  // "4" is engine.io's message packet type: the text the websocket frame carries.
  const headBytes = Buffer.from(`4${head}`);
  const tailBytes = Buffer.from(tail);
  return (payload) => {
    const json = JSON.stringify(payload);
    const boxMessage = { ...message, payload };
    return {
      message: boxMessage,
      packet: { type: EVENT, nsp: nsp.name, data: ['push:message', boxMessage] },
      // Used by transports other than websocket only; a rope string, never flattened on the websocket path.
      encoded: [head + json + tail],
      options: { preEncoded: true, wsPreEncodedFrame: [textFrame(headBytes, json, tailBytes)] },
    };
  };
}

interface PreEncodedWriter {
  client: { writeToEngine?: (encoded: unknown[], options: BoxPacket['options']) => void };
  notifyOutgoingListeners?: (packet: BoxPacket['packet']) => void;
}

/** Writes a pre-encoded packet to one box (socket.io internals the in-memory adapter uses, checked once). */
export function writeBoxPacket(socket: BoxSocket, packet: BoxPacket): void {
  const writer = socket as unknown as PreEncodedWriter;
  if (typeof writer.client.writeToEngine !== 'function') {
    socket.emit('push:message', packet.message);
    return;
  }
  writer.notifyOutgoingListeners?.(packet.packet);
  writer.client.writeToEngine(packet.encoded, packet.options);
}

/**
 * An unmasked, final WebSocket text frame (RFC 6455 §5.2: a server never masks) of the parts in order, header
 * and data in one buffer; strings are written as UTF-8 straight into it.
 */
export function textFrame(...parts: (string | Buffer)[]): Buffer {
  let length = 0;
  for (const part of parts) length += typeof part === 'string' ? Buffer.byteLength(part) : part.length;
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
  for (const part of parts) {
    offset += typeof part === 'string' ? frame.write(part, offset) : part.copy(frame, offset);
  }
  return frame;
}
