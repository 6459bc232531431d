import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Alert } from './alert-model.ts';
import { createAlertThreads } from './alert-threads.ts';
import { parseAlert } from './parse-alert.ts';

const load = (name: string, edit: (xml: string) => string = (xml) => xml): Alert =>
  parseAlert(edit(readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8')));

const sender = 'bousai@town.minami.example.jp';
const key = (identifier: string) => ({ sender, identifier });
const at = (iso: string) => new Date(iso);
const ids = (alerts: Alert[]) => alerts.map((a) => a.identifier);

const original = () => load('cap-evacuation-polygon.xml');
const update = () => load('cap-update.xml');
const update2 = () => load('cap-update-2.xml');
const cancel = () => load('cap-cancel.xml');

describe('alert threads', () => {
  it('an Update replaces and a Cancel withdraws', () => {
    const threads = createAlertThreads();
    expect(threads.receive(original())).toMatchObject({ kind: 'new' });
    expect(threads.receive(update())).toMatchObject({
      kind: 'updated',
      replaced: [key('JP-363871-20261124-0001')],
    });
    expect(ids(threads.inForce(at('2026-11-24T12:10:00+09:00')))).toEqual(['JP-363871-20261124-0001-U1']);
    expect(threads.stateOf(key('JP-363871-20261124-0001'), at('2026-11-24T12:10:00+09:00'))).toBe(
      'superseded',
    );
    expect(threads.receive(cancel())).toMatchObject({
      kind: 'cancelled',
      withdrawn: [key('JP-363871-20261124-0001-U1')],
    });
    expect(threads.inForce(at('2026-11-24T12:40:00+09:00'))).toEqual([]);
    expect(threads.stateOf(key('JP-363871-20261124-0001'), at('2026-11-24T12:40:00+09:00'))).toBe(
      'withdrawn',
    );
  });

  it('threadOf names the thread of every received message, also after threads join', () => {
    const threads = createAlertThreads();
    threads.receive(original());
    threads.receive(update2());
    expect(threads.threadOf(key('JP-363871-20261124-0001-U2'))).not.toBe(
      threads.threadOf(key('JP-363871-20261124-0001')),
    );
    const joined = threads.receive(update());
    expect(threads.threadOf(key('JP-363871-20261124-0001'))).toBe(
      joined.kind === 'superseded' && joined.thread,
    );
    expect(threads.threadOf(key('JP-363871-20261124-0001-U2'))).toBe(
      joined.kind === 'superseded' && joined.thread,
    );
    expect(threads.threadOf(key('never-received'))).toBeUndefined();
  });

  it('follows references transitively: U2 names only U1 and still supersedes the original', () => {
    const threads = createAlertThreads();
    threads.receive(original());
    threads.receive(update());
    threads.receive(update2());
    expect(ids(threads.inForce(at('2026-11-24T14:10:00+09:00')))).toEqual(['JP-363871-20261124-0001-U2']);
    // A Cancel naming only U1 withdraws the whole thread when it is the newest message… but here U2 is newer.
    expect(threads.receive(cancel())).toMatchObject({
      kind: 'superseded',
      current: key('JP-363871-20261124-0001-U2'),
    });
    expect(ids(threads.inForce(at('2026-11-24T14:10:00+09:00')))).toEqual(['JP-363871-20261124-0001-U2']);
  });

  it('handles the wrong order: the original after its Update is superseded on arrival', () => {
    const threads = createAlertThreads();
    expect(threads.receive(update())).toMatchObject({ kind: 'updated', replaced: [] });
    expect(threads.receive(original())).toMatchObject({
      kind: 'superseded',
      current: key('JP-363871-20261124-0001-U1'),
    });
    expect(ids(threads.inForce(at('2026-11-24T12:10:00+09:00')))).toEqual(['JP-363871-20261124-0001-U1']);
  });

  it('a Cancel for an unknown alert is remembered: the original arriving later is withdrawn', () => {
    const threads = createAlertThreads();
    expect(threads.receive(load('cap-cancel-unknown.xml'))).toMatchObject({ kind: 'cancel-unknown' });
    const late = load('cap-evacuation-polygon.xml', (xml) =>
      xml
        .replace('JP-363871-20261124-0001', 'JP-363871-20261124-0099')
        .replace('2026-11-24T10:00:00+09:00</sent>', '2026-11-24T12:50:00+09:00</sent>'),
    );
    expect(threads.receive(late)).toMatchObject({ kind: 'withdrawn' });
    expect(threads.inForce(at('2026-11-24T13:10:00+09:00'))).toEqual([]);
  });

  it('expires at `expires`', () => {
    const threads = createAlertThreads();
    threads.receive(original());
    expect(threads.inForce(at('2026-11-24T21:59:59+09:00'))).toHaveLength(1);
    expect(threads.inForce(at('2026-11-24T22:00:00+09:00'))).toHaveLength(0);
    expect(threads.stateOf(key('JP-363871-20261124-0001'), at('2026-11-24T22:00:00+09:00'))).toBe('expired');
  });

  it('a flood of duplicates (same identifier, sender, sent) is idempotent; a reused identifier is rejected', () => {
    const threads = createAlertThreads();
    const first = original();
    threads.receive(first);
    // Each copy as a separate object, as each delivery of the same message would be.
    for (let i = 0; i < 1000; i++) expect(threads.receive(structuredClone(first)).kind).toBe('duplicate');
    expect(threads.inForce(at('2026-11-24T11:00:00+09:00'))).toHaveLength(1);
    const reused = load('cap-evacuation-polygon.xml', (xml) =>
      xml.replace('2026-11-24T10:00:00+09:00</sent>', '2026-11-24T10:05:00+09:00</sent>'),
    );
    expect(threads.receive(reused)).toMatchObject({ kind: 'rejected', reason: 'identifier-reused' });
  });

  it('rejects an Update or Cancel from another sender than the original', () => {
    const threads = createAlertThreads();
    threads.receive(original());
    expect(threads.receive(load('cap-foreign-cancel.xml'))).toMatchObject({
      kind: 'rejected',
      reason: 'foreign-sender',
    });
    expect(ids(threads.inForce(at('2026-11-24T11:00:00+09:00')))).toEqual(['JP-363871-20261124-0001']);
  });

  it('threads L-Alert by documentID: the lift revision replaces the issue, in either order', () => {
    const issue = load('l-alert-evacuation-issue.xml');
    const lift = load('l-alert-evacuation-lift.xml');
    const threads = createAlertThreads();
    expect(threads.receive(lift)).toMatchObject({ kind: 'updated' });
    expect(threads.receive(issue)).toMatchObject({ kind: 'superseded' });
    const inForce = threads.inForce(at('2026-11-24T18:30:00+09:00'));
    expect(inForce.map((a) => a.infos.map((i) => i.issueOrLift))).toEqual([['lift', 'lift']]);
  });

  it('rejects another sender continuing an L-Alert series', () => {
    const threads = createAlertThreads();
    threads.receive(load('l-alert-evacuation-issue.xml'));
    const forged = load('l-alert-evacuation-lift.xml', (xml) =>
      xml.replace('minami-town@l-alert.example.jp', 'intruder@example.jp'),
    );
    expect(threads.receive(forged)).toMatchObject({ kind: 'rejected', reason: 'foreign-sender' });
  });

  it('threads JMA reports by office and title: the next report replaces the last', () => {
    const threads = createAlertThreads();
    expect(threads.receive(load('jma-warning-issue.xml'))).toMatchObject({ kind: 'new' });
    expect(threads.receive(load('jma-warning-lift.xml'))).toMatchObject({ kind: 'updated' });
    const current = threads.inForce(at('2026-11-24T22:00:00+09:00'));
    expect(current.map((a) => a.sent)).toEqual(['2026-11-24T21:40:00+09:00']);
  });

  it('ignores Ack and Error messages', () => {
    const ack = load('cap-cancel.xml', (xml) => xml.replace('<msgType>Cancel', '<msgType>Ack'));
    expect(createAlertThreads().receive(ack)).toEqual({ kind: 'ignored' });
  });
});
