import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const cli = new URL('cli.ts', import.meta.url).pathname;
const fixture = (name: string) => new URL(`fixtures/${name}`, import.meta.url).pathname;

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', cli, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('npm run alert -- parse', { timeout: 120_000 }, () => {
  it('prints exactly the normalised fields', async () => {
    const { code, stdout, stderr } = await run('parse', fixture('cap-evacuation-polygon.xml'));
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual([
      'identifier',
      'sender',
      'sent',
      'status',
      'msgType',
      'scope',
      'references',
      'signature',
      'infos',
    ]);
    expect(Object.keys(json.infos[0])).toEqual([
      'language',
      'category',
      'event',
      'urgency',
      'severity',
      'certainty',
      'level',
      'headline',
      'description',
      'instruction',
      'expires',
      'areas',
    ]);
    expect(json.infos[0].areas[0]).toEqual({
      desc: '美波町 日和佐浦',
      polygons: [
        [
          [33.77, 134.58],
          [33.78, 134.58],
          [33.78, 134.6],
          [33.77, 134.6],
          [33.77, 134.58],
        ],
      ],
      circles: [],
      geocodes: [
        { name: 'jisX0402', value: '363871' },
        { name: 'MACHIAZA_ID', value: '363870001001' },
      ],
    });
  });

  it('parses L-Alert and JMA, and reports problems on stderr', async () => {
    const [lAlert, drill, geocode] = await Promise.all(
      ['l-alert-evacuation-issue.xml', 'jma-warning-drill.xml', 'cap-unknown-geocode.xml'].map((name) =>
        run('parse', fixture(name)),
      ),
    );
    expect(JSON.parse(lAlert?.stdout ?? '').infos[1].level).toBe(3);
    expect(JSON.parse(drill?.stdout ?? '').status).toBe('Exercise');
    if (!geocode) throw new Error('no result');
    expect(geocode.code).toBe(0);
    expect(geocode.stderr).toMatch(/warning: infos\[0\]\.areas\[0\]\.geocodes\[0\]: geocode\.unknown-system/);
  });

  it('exits 2 with the reason for hostile or invalid input', async () => {
    const cases = [
      ['hostile-billion-laughs.xml', /alert\.xml-unsafe: DOCTYPE/],
      ['hostile-two-roots.xml', /alert\.xml-invalid/],
      ['hostile-wrong-namespace.xml', /alert\.format-unknown/],
      ['cap-missing-field.xml', /alert\.content-invalid: status/],
    ] as const;
    const results = await Promise.all(cases.map(([name]) => run('parse', fixture(name))));
    cases.forEach(([name, reason], i) => {
      expect([name, results[i]?.code, results[i]?.stdout]).toEqual([name, 2, '']);
      expect(results[i]?.stderr).toMatch(reason);
    });
    const dir = mkdtempSync(join(tmpdir(), 'alert-cli-'));
    const deep = join(dir, 'deep.xml');
    writeFileSync(
      deep,
      `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</alert>`,
    );
    const [deepResult, missing] = await Promise.all([
      run('parse', deep),
      run('parse', join(dir, 'missing.xml')),
    ]);
    expect(deepResult).toMatchObject({ code: 2, stderr: expect.stringMatching(/nested deeper/) });
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot read/) });
  });

  it('exits 1 with usage on a wrong command line', async () => {
    expect(await run('frobnicate')).toMatchObject({ code: 1, stderr: expect.stringMatching(/usage/) });
  });
});
