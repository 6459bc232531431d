import { expect, it } from 'vitest';
import { createStdoutSink } from './stdout-sink.ts';

it('writes the lines of one event-loop turn in one write, at the end of the turn', async () => {
  const writes: string[] = [];
  const sink = createStdoutSink((text) => void writes.push(text));
  sink('{"a":1}');
  sink('{"b":2}');
  expect(writes).toEqual([]);
  await new Promise((resolve) => setImmediate(resolve));
  expect(writes).toEqual(['{"a":1}\n{"b":2}\n']);
  sink('{"c":3}');
  sink.flush();
  expect(writes).toEqual(['{"a":1}\n{"b":2}\n', '{"c":3}\n']);
});

it('writes at once when a turn piles up too much', () => {
  const writes: string[] = [];
  const sink = createStdoutSink((text) => void writes.push(text));
  const line = 'x'.repeat(1000);
  for (let i = 0; i < 70; i++) sink(line);
  expect(writes.length).toBe(1);
  sink.flush();
  expect(writes.join('').split('\n').length - 1).toBe(70);
});
