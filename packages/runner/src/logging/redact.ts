/**
 * Removes credentials from text before it reaches a log line: the configured token's value
 * wherever it appears, and anything shaped like a token (forge token prefixes, Authorization
 * headers, `token=` query parameters, passwords in URLs), whoever put it there.
 */

export const REDACTED = '[redacted]';

// Prefixed tokens the forges issue: GitHub (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_), GitLab
// (glpat-, gloas-, gldt-, glrt-, glptt-, glft-, glimt-, glagent-, glsoat-, GR1348941).
const PREFIXED_TOKEN =
  /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|gl(?:pat|oas|dt|rt|ptt|ft|imt|agent|soat)-[A-Za-z0-9_-]{16,}|GR1348941[A-Za-z0-9_-]{16,})/g;
// `Authorization: token X`, `Bearer X`, `Basic X`, and the PRIVATE-TOKEN header GitLab uses.
const AUTH_HEADER =
  /\b((?:authorization|private-token|x-gitea-token|x-forgejo-token)["']?\s*[:=]\s*["']?(?:(?:token|bearer|basic)\s+)?)[^\s"',;}]+/gi;
const BARE_SCHEME = /\b((?:token|bearer|basic)\s+)[A-Za-z0-9._~+/=-]{16,}/gi;
// `?access_token=X`, `&token=X`, `private_token=X`, JSON `"token": "X"`.
const TOKEN_PARAMETER =
  /\b((?:access_token|private_token|token|password|secret)["']?\s*[=:]\s*["']?)[^\s"'&,;}]+/gi;
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)[^@\s/]+@/gi;

/** Redacts everything token-shaped, plus the given secret values (at least 4 characters). */
export function redact(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) {
    // Very short values would redact ordinary words; a real token is never that short.
    if (secret.length >= 4) result = result.split(secret).join(REDACTED);
  }
  return result
    .replace(PREFIXED_TOKEN, REDACTED)
    .replace(AUTH_HEADER, `$1${REDACTED}`)
    .replace(BARE_SCHEME, `$1${REDACTED}`)
    .replace(TOKEN_PARAMETER, `$1${REDACTED}`)
    .replace(URL_CREDENTIALS, `$1${REDACTED}@`);
}

/** A list of secret values shared by the logger and whoever learns a token later (config load). */
export class SecretList {
  readonly #values = new Set<string>();

  add(value: string): void {
    this.#values.add(value);
  }

  redact(text: string): string {
    return redact(text, [...this.#values]);
  }
}
