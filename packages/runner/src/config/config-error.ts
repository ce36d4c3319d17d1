/**
 * A configuration problem, already phrased as the one line a user reads:
 * `config.yaml: forge.type: expected one of git|forgejo|gitlab|github`.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
