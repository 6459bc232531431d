import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAlert } from './parse-alert.ts';
import { parseXmlSafely } from './xml-safety.ts';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url));
const valid = fixture('cap-evacuation-polygon.xml').toString('utf8');

const rejects = (input: string | Uint8Array, code: string, message: RegExp) =>
  expect(() => parseAlert(input)).toThrow(
    expect.objectContaining({ code, message: expect.stringMatching(message) }),
  );

describe('hostile XML', () => {
  it('rejects billion laughs before the parser sees it', () => {
    rejects(fixture('hostile-billion-laughs.xml'), 'alert.xml-unsafe', /DOCTYPE/);
  });

  it('rejects an external DTD, an ENTITY without DOCTYPE and other markup declarations', () => {
    rejects(fixture('hostile-external-dtd.xml'), 'alert.xml-unsafe', /DOCTYPE/);
    rejects(valid.replace('<alert', '<!ENTITY x "y"><alert'), 'alert.xml-unsafe', /ENTITY/);
    rejects(
      valid.replace('<alert', '<!ATTLIST alert a CDATA "b"><alert'),
      'alert.xml-unsafe',
      /markup declaration/,
    );
    rejects(valid.replace('<alert', '<!doctype alert><alert'), 'alert.xml-unsafe', /DOCTYPE/);
  });

  it('makes an undeclared entity reference fatal (xmldom only reports it)', () => {
    rejects(fixture('hostile-undeclared-entity.xml'), 'alert.xml-invalid', /entity not found/);
  });

  it('rejects two roots and trailing content', () => {
    rejects(fixture('hostile-two-roots.xml'), 'alert.xml-invalid', /not well-formed/);
    rejects(`${valid}garbage`, 'alert.xml-invalid', /not well-formed/);
  });

  it('rejects a wrong namespace and CAP 1.1', () => {
    rejects(fixture('hostile-wrong-namespace.xml'), 'alert.format-unknown', /urn:example:not-cap/);
    rejects(fixture('cap11-namespace.xml'), 'alert.format-unknown', /CAP 1\.2 only/);
  });

  it('rejects a message over the size cap, as text or bytes', () => {
    const padded = valid.replace('</alert>', `<!-- ${'x'.repeat(3 * 1024 * 1024)} --></alert>`);
    rejects(padded, 'alert.xml-unsafe', /over the cap/);
    rejects(Buffer.from(padded), 'alert.xml-unsafe', /over the cap/);
    expect(() => parseAlert(valid, { limits: { maxBytes: 100 } })).toThrow(/over the cap of 100/);
  });

  it('rejects deep nesting', () => {
    const deep = valid.replace('</scope>', `</scope>${'<x>'.repeat(10_000)}${'</x>'.repeat(10_000)}`);
    rejects(deep, 'alert.xml-invalid', /nested deeper than 48/);
  });

  it('rejects a huge attribute and too many attributes', () => {
    rejects(
      valid.replace('<identifier>', `<identifier a="${'A'.repeat(100_000)}">`),
      'alert.xml-invalid',
      /100000 characters/,
    );
    const many = Array.from({ length: 40 }, (_, i) => `a${i}="1"`).join(' ');
    rejects(valid.replace('<identifier>', `<identifier ${many}>`), 'alert.xml-invalid', /40 attributes/);
  });

  it('rejects bytes that are not UTF-8 and a declared non-UTF-8 encoding', () => {
    const bytes = Buffer.concat([
      Buffer.from(valid.slice(0, 200)),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(valid.slice(200)),
    ]);
    rejects(bytes, 'alert.xml-unsafe', /not valid UTF-8/);
    rejects(valid.replace('encoding="UTF-8"', 'encoding="Shift_JIS"'), 'alert.xml-unsafe', /Shift_JIS/);
  });

  it('accepts comments, CDATA and a byte-order mark', () => {
    const friendly = `\uFEFF${valid.replace('<headline>', '<!-- note --><headline><![CDATA[見出し]]>').replace(/<headline><!\[CDATA\[見出し\]\]>[^<]*/, '<headline><![CDATA[見出し]]>')}`;
    expect(parseAlert(friendly).infos[0]?.headline).toBe('見出し');
  });

  it('keeps going after hostile input: the next message parses', () => {
    for (const name of [
      'hostile-billion-laughs.xml',
      'hostile-two-roots.xml',
      'hostile-undeclared-entity.xml',
    ]) {
      expect(() => parseAlert(fixture(name))).toThrow();
    }
    expect(parseAlert(valid).identifier).toBe('JP-363871-20261124-0001');
  });

  it('returns the text it checked with the root', () => {
    const { text, root } = parseXmlSafely(`\uFEFF${valid}`);
    expect(text.startsWith('<?xml')).toBe(true);
    expect(root.localName).toBe('alert');
  });
});

describe('markup size before parsing', () => {
  it('rejects too many elements without parsing them', () => {
    const flat = valid.replace('</scope>', `</scope>${'<x/>'.repeat(30_000)}`);
    rejects(flat, 'alert.xml-invalid', /more than 20000 elements/);
  });

  it('counts depth across quoted ">" in attributes, comments and CDATA', () => {
    const tricky = valid.replace('<headline>', '<headline a="x>y"><![CDATA[<b><c>]]><!-- <d> -->');
    expect(parseAlert(tricky).infos[0]?.headline).toContain('<b><c>');
  });
});
