// Test support: the status report parts wired as the bridge wires them, over an emulated card in a VirtualReader
// and the scripted backend, with the outbox in a temp folder; `restart` reopens outbox and sender from disk.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StatusReportReceipt } from '@myna-tv/backend';
import { VirtualReader } from '../../card/virtual-reader.ts';
import { CardAccess } from '../../session/card-access.ts';
import type { TestCard } from '../../virtual-card/test-card-contents.ts';
import { VirtualJpkiCard } from '../../virtual-card/virtual-jpki-card.ts';
import type { OutboxEntry } from '../report-outbox.ts';
import { ReportOutbox } from '../report-outbox.ts';
import { ReportSender } from '../report-sender.ts';
import { StatusReports } from '../status-reports.ts';
import { type ScriptedReportBackend, scriptedReportBackend } from './scripted-report-backend.ts';
import { createSigningTestCard } from './signing-test-card.ts';

export const rigDeviceId = '3a9e7c1d-5b2f-4e8a-9c6d-1f0e2d3c4b5a';
export const sessionToken = 'session-token-for-report-tests';

let testCard: TestCard | undefined;

export interface ReportRig {
  card: TestCard;
  reader: VirtualReader;
  access: CardAccess;
  backend: ScriptedReportBackend;
  outbox: ReportOutbox;
  sender: ReportSender;
  reports: StatusReports;
  /** What the sender announced since the last restart. */
  received: StatusReportReceipt[];
  failed: OutboxEntry[];
  newCard(): VirtualJpkiCard;
  /** As after a power cut: a new outbox and sender from what is on disk (the old sender is dropped unawaited). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function createReportRig(): Promise<ReportRig> {
  testCard ??= createSigningTestCard('report-test');
  const card = testCard;
  const dataDir = await mkdtemp(join(tmpdir(), 'myna-reports-'));
  const newCard = () => new VirtualJpkiCard({ contents: card.contents });
  const reader = new VirtualReader({ card: newCard() });
  const access = new CardAccess(reader);
  const backend = scriptedReportBackend(card.publicKeys.sign);
  const rig = { card, reader, access, backend, newCard } as ReportRig;
  const wire = async () => {
    const { outbox } = await ReportOutbox.open(dataDir);
    const sender = new ReportSender({ outbox, backend, backoff: { initialMs: 20, maxMs: 100 } });
    rig.received = [];
    rig.failed = [];
    sender.on('received', (receipt) => rig.received.push(receipt));
    sender.on('failed', (entry) => rig.failed.push(entry));
    Object.assign(rig, {
      outbox,
      sender,
      reports: new StatusReports({ access, backend, outbox, sender, deviceId: rigDeviceId }),
    });
  };
  await wire();
  rig.restart = async () => {
    void rig.sender.close();
    await wire();
  };
  rig.close = async () => {
    await rig.sender.close();
    await reader.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  return rig;
}
