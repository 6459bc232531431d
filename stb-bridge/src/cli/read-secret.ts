// Reads a secret from the terminal without echoing it (raw mode, one key at a time), for CLIs that ask
// for the signature password. The secret only lives in the returned string.

/** Asks on stderr and reads one line from a TTY stdin without echo. Ctrl-C or Ctrl-D resolve undefined. */
export function readSecret(prompt: string): Promise<string | undefined> {
  const input = process.stdin;
  if (!input.isTTY) {
    return Promise.reject(
      new Error('no terminal to ask for the password on (scripts set MYNA_SIGN_PASSWORD)'),
    );
  }
  process.stderr.write(prompt);
  return new Promise((resolve) => {
    let secret = '';
    const finish = (value: string | undefined) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish(secret);
        if (char === '\u0003' || char === '\u0004') return finish(undefined);
        if (char === '\u007f' || char === '\b') secret = secret.slice(0, -1);
        else if (char >= ' ') secret += char;
      }
    };
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}
