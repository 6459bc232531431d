export { ConfigError, type ConfigErrorCode, type ConfigIssue } from './config-error.ts';
export { type Config, configSchema } from './config-schema.ts';
export { loadConfig } from './load-config.ts';
export { renderConfigMarkdown } from './render-config-markdown.ts';
