// A shelter terminal in its own process, for the SIGKILL test: checks in card holders 1…total into the journal
// in `dir` (continuing after the last one on disk), syncing to the backend meanwhile when given one. Prints
// `done <seq> <id>` once an event is on disk (what the staff page would show as 完了), `finished` at the end.
//   node --import tsx checkin-writer.ts <dir> <total> [<backend url> <terminal id> <secret>]
import { CheckinJournal, JournalSync, TerminalBackendClient } from '@myna-tv/stb-bridge';
import { cardHolder } from './card-holder.ts';

const [dir = '', totalArg = '0', url, terminalId, secret] = process.argv.slice(2);
const total = Number(totalArg);
const { journal, droppedBytes } = await CheckinJournal.open(dir);
process.stdout.write(`ready ${journal.lastSeq} ${droppedBytes}\n`);
const sync =
  url !== undefined && terminalId !== undefined && secret !== undefined
    ? await JournalSync.open({
        journal,
        backend: new TerminalBackendClient({ urls: [url], credential: { terminalId, secret } }),
        dir,
        batchSize: 50,
        minRetryMs: 10,
        heartbeatMs: 1000,
      })
    : undefined;
sync?.start();
for (let n = journal.lastSeq + 1; n <= total; n++) {
  const event = await journal.append({ type: 'check-in', person: cardHolder(n), groupId: null });
  process.stdout.write(`done ${event.seq} ${event.id}\n`);
  sync?.poke();
}
await sync?.stop();
await journal.close();
process.stdout.write('finished\n');
