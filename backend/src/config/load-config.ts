import { ConfigError, type ConfigIssue } from './config-error.ts';
import { type Config, configRules, configSchema, type DefaultBase, type Setting } from './config-schema.ts';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads and validates every setting from the environment (unset or blank → default). Throws one ConfigError
 * listing every bad variable, never just the first.
 */
export function loadConfig(env: Env = process.env): Config {
  const issues: ConfigIssue[] = [];
  const values: Record<string, unknown> = {};
  const entries = Object.entries(configSchema) as [string, Setting][];
  // Settings with a fixed default first, so derived defaults (e.g. from DATA_DIR) can use them.
  const ordered = [
    ...entries.filter(([, s]) => typeof s.default !== 'function'),
    ...entries.filter(([, s]) => typeof s.default === 'function'),
  ];
  for (const [key, setting] of ordered) {
    const given = env[setting.env];
    const unset = given === undefined || given.trim() === '';
    // A default derived from an invalid DATA_DIR is not checked: that variable is already reported.
    if (unset && typeof setting.default === 'function' && typeof values.dataDir !== 'string') continue;
    const text = unset ? defaultText(setting, values) : given;
    const result = setting.schema.safeParse(text);
    if (result.success) {
      values[key] = result.data;
    } else {
      const reason = result.error.issues.map((issue) => issue.message).join('; ');
      const shown = setting.secret || text === undefined ? '' : ` (got ${JSON.stringify(text)})`;
      issues.push({ env: setting.env, message: `${reason}${shown}` });
    }
  }
  if (issues.length === 0) {
    for (const rule of configRules) {
      if (rule.violatedBy(values as Config)) issues.push({ env: rule.env, message: rule.message });
    }
  }
  if (issues.length > 0) throw new ConfigError(sortedLike(issues, entries));
  return Object.fromEntries(entries.map(([key]) => [key, values[key]])) as Config;
}

function defaultText(setting: Setting, values: Record<string, unknown>): string | undefined {
  if (typeof setting.default !== 'function') return setting.default;
  return setting.default({ dataDir: values.dataDir } as DefaultBase);
}

/** Issues in schema order, as the documentation lists the variables. */
function sortedLike(issues: ConfigIssue[], entries: [string, Setting][]): ConfigIssue[] {
  const rank = new Map(entries.map(([, s], i) => [s.env, i]));
  return issues.sort((a, b) => (rank.get(a.env) ?? 0) - (rank.get(b.env) ?? 0));
}
