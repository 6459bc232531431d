// `npm run card -- [--holder <id>] [--vpcd-port 35963] [--atr <hex>] [--pki-dir D] [--state-dir D]`
// Puts a dev-PKI holder's virtual My Number Card into vpcd (pcscd's virtual reader) until stopped.
// stdin lines `remove`, `insert`, `holder <id>`, and SIGUSR1 (toggle) remove and re-insert the card.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { DEFAULT_PKI_DIR, listHolderIds, loadVirtualCard } from './load-virtual-card.ts';
import { DEFAULT_STATE_DIR } from './pin-counter-store.ts';
import type { VirtualJpkiCard } from './virtual-jpki-card.ts';
import { DEFAULT_VPCD_PORT, VpcdLink } from './vpcd-link.ts';

/** The first demo holder of backend/src/dev-jpki (a runtime import of the backend is not allowed here). */
const PREFERRED_HOLDER = 'tanaka-hanako';

const { values } = parseArgs({
  options: {
    holder: { type: 'string' },
    'vpcd-port': { type: 'string', default: String(DEFAULT_VPCD_PORT) },
    'vpcd-host': { type: 'string', default: '127.0.0.1' },
    atr: { type: 'string' },
    'pki-dir': { type: 'string', default: DEFAULT_PKI_DIR },
    'state-dir': { type: 'string', default: DEFAULT_STATE_DIR },
  },
});
const pkiDir = values['pki-dir'];
const port = Number(values['vpcd-port']);
const atr = values.atr === undefined ? undefined : parseHex(values.atr);
const say = (line: string) => console.log(`[card] ${line}`);

async function defaultHolder(): Promise<string> {
  const ids = await listHolderIds(pkiDir);
  const id = ids.includes(PREFERRED_HOLDER) ? PREFERRED_HOLDER : ids[0];
  if (id === undefined)
    throw new Error(`no holder profiles in ${pkiDir}/holders (run: npm run jpki -- pki init)`);
  return id;
}

function parseHex(text: string): Uint8Array {
  const hex = text.replace(/[\s:]/g, '');
  if (!/^([0-9a-fA-F]{2}){2,33}$/.test(hex)) throw new Error(`--atr ${text} is not 2–33 hex bytes`);
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

async function load(holderId: string): Promise<VirtualJpkiCard> {
  const card = await loadVirtualCard({
    pkiDir,
    holderId,
    stateDir: values['state-dir'],
    ...(atr ? { atr } : {}),
  });
  const left = card.triesLeft();
  const atrHex = Buffer.from(card.atr)
    .toString('hex')
    .toUpperCase()
    .replace(/(..)(?=.)/g, '$1 ');
  say(`holder ${holderId}, ATR ${atrHex}, tries left: PIN ${left.auth}, password ${left.sign}`);
  return card;
}

async function main(): Promise<void> {
  const link = new VpcdLink({
    card: await load(values.holder ?? (await defaultHolder())),
    host: values['vpcd-host'],
    port,
  });
  let waiting = false;
  link.on('retrying', (error) => {
    if (!waiting) say(`waiting for vpcd on ${values['vpcd-host']}:${port} (${error.message})`);
    waiting = true;
  });
  link.on('connected', () => {
    waiting = false;
    say('inserted: the reader sees the card');
  });
  link.on('disconnected', (error) =>
    say(error ? `vpcd dropped the card (${error.message}); reconnecting` : 'removed'),
  );
  link.on('power', (change) => say(change === 'reset' ? 'reset' : `power ${change}`));

  const insert = () => (link.inserted ? say('already inserted') : link.insert());
  const remove = async () => {
    if (!link.inserted) return say('already removed');
    const wasConnected = link.connected;
    await link.remove();
    if (!wasConnected) say('removed');
  };
  const commands = async (line: string) => {
    const [command, arg] = line.trim().split(/\s+/);
    if (command === 'insert') insert();
    else if (command === 'remove') await remove();
    else if (command === 'holder' && arg) {
      const card = await load(arg);
      await remove();
      link.insert(card);
    } else if (command) say('commands: insert | remove | holder <id>');
  };
  createInterface({ input: process.stdin }).on('line', (line) => {
    commands(line).catch((err: Error) => say(`error: ${err.message}`));
  });
  process.on('SIGUSR1', () => void (link.inserted ? remove() : insert()));
  const stop = async () => {
    await link.remove();
    say('stopped');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  link.insert();
}

main().catch((err: Error) => {
  console.error(`[card] ${err.message}`);
  process.exit(1);
});
