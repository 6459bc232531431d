export type ConfigErrorCode = 'config.invalid';

/** One environment variable that failed validation. */
export interface ConfigIssue {
  env: string;
  message: string;
}

/** Start-up configuration was invalid; `issues` lists every bad variable, the message shows them all. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code: ConfigErrorCode = 'config.invalid';
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super(`invalid configuration:\n${issues.map((i) => `  ${i.env}: ${i.message}`).join('\n')}`);
    this.issues = issues;
  }
}
