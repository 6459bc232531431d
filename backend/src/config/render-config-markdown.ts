import { configSchema, type Setting } from './config-schema.ts';

/** The table of every setting, for docs/configuration.md (kept current by render-config-markdown.test.ts). */
export function renderConfigMarkdown(): string {
  const cells = (Object.values(configSchema) as Setting[]).map((s) => [
    `\`${s.env}\``,
    defaultCell(s),
    s.doc.replaceAll('|', '\\|'),
  ]);
  return [
    '# Backend configuration',
    '',
    'The backend reads these environment variables at start and refuses to start, naming every bad one, when',
    'any is invalid. An empty value counts as unset. Generated from `backend/src/config/config-schema.ts`; after',
    'changing that file run `npx vitest run backend/src/config -u` to update this page.',
    '',
    ...table(['Variable', 'Default', 'Meaning'], cells),
    '',
  ].join('\n');
}

function defaultCell(s: Setting): string {
  if (s.defaultDoc !== undefined) return s.defaultDoc;
  if (typeof s.default === 'string') return `\`${s.default}\``;
  return 'unset';
}

/** A table with padded columns, as the formatter (Biome) writes it, so the generated page passes the lint. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}
