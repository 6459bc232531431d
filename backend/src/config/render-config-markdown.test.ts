import { expect, it } from 'vitest';
import { configSchema } from './config-schema.ts';
import { renderConfigMarkdown } from './render-config-markdown.ts';

it('documents every setting', () => {
  const markdown = renderConfigMarkdown();
  for (const setting of Object.values(configSchema)) {
    expect(markdown).toMatch(new RegExp(`^\\| \`${setting.env}\` +\\|`, 'm'));
  }
});

// docs/configuration.md is this output; CI fails when it is stale, `vitest -u` rewrites it.
it('matches docs/configuration.md', async () => {
  await expect(renderConfigMarkdown()).toMatchFileSnapshot('../../../docs/configuration.md');
});
