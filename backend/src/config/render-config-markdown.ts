import { configSchema, type Setting } from './config-schema.ts';

/** The table of every setting, for docs/configuration.md (kept current by render-config-markdown.test.ts). */
export function renderConfigMarkdown(): string {
  const rows = (Object.values(configSchema) as Setting[]).map(
    (s) => `| \`${s.env}\` | ${defaultCell(s)} | ${s.doc.replaceAll('|', '\\|')} |`,
  );
  return [
    '# Backend configuration',
    '',
    'The backend reads these environment variables at start and refuses to start, naming every bad one, when',
    'any is invalid. An empty value counts as unset. Generated from `backend/src/config/config-schema.ts`; after',
    'changing that file run `npx vitest run backend/src/config -u` to update this page.',
    '',
    '| Variable | Default | Meaning |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

function defaultCell(s: Setting): string {
  if (s.defaultDoc !== undefined) return s.defaultDoc;
  if (typeof s.default === 'string') return `\`${s.default}\``;
  return 'unset';
}
