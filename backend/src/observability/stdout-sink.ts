// Log lines to stdout, batched: on Linux a write to a pipe or file is a synchronous system call, and one per
// request line is a real share of a busy node's CPU. Lines of one event-loop turn go out in one write, at the
// end of that turn (setImmediate): a line waits microseconds and is never lost to batching, as `flush()` and
// the process 'exit' event write whatever is left (stdout writes to pipes and files are synchronous).
export interface StdoutSink {
  (line: string): void;
  flush(): void;
}

const maxPendingBytes = 64 * 1024;

export function createStdoutSink(
  write: (text: string) => void = (text) => void process.stdout.write(text),
): StdoutSink {
  let pending: string[] = [];
  let bytes = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    bytes = 0;
    write(text);
  };
  const sink = ((line: string) => {
    pending.push(`${line}\n`);
    bytes += line.length + 1;
    if (bytes >= maxPendingBytes) flush();
    else if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  }) as StdoutSink;
  sink.flush = flush;
  process.once('exit', flush);
  return sink;
}
