import { readFileSync } from 'node:fs';

/** Where the token comes from: given directly (the runner resolved it), a file, or a variable. */
export interface TokenSource {
  token?: string;
  /** A file holding only the token (a mounted secret); surrounding whitespace is dropped. */
  tokenFile?: string;
  /** The name of an environment variable holding the token. */
  tokenEnv?: string;
}

/**
 * Reads the token. Errors name the file or the variable, never the value. An empty result is an
 * error rather than an anonymous client: anonymous writes would fail later with a confusing 401.
 */
export function resolveToken(source: TokenSource, env: NodeJS.ProcessEnv = process.env): string {
  if (source.token !== undefined && source.token !== '') return source.token;
  if (source.tokenFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(source.tokenFile, 'utf8');
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new Error(`forge.token_file ${source.tokenFile}: cannot read it (${String(code)})`);
    }
    const token = text.trim();
    if (token === '') throw new Error(`forge.token_file ${source.tokenFile}: the file is empty`);
    return token;
  }
  if (source.tokenEnv !== undefined) {
    const token = env[source.tokenEnv]?.trim() ?? '';
    if (token === '')
      throw new Error(`forge.token_env: variable ${source.tokenEnv} is not set or empty`);
    return token;
  }
  throw new Error('forge: no token given (set forge.token_file or forge.token_env)');
}

/** A function that blanks the secret (and its URL-encoded form) out of any text. */
export function redactor(secret: string): (text: string) => string {
  const forms = [...new Set([secret, encodeURIComponent(secret)])].filter(
    (form) => form.length > 0,
  );
  return (text) => forms.reduce((out, form) => out.split(form).join('[redacted]'), text);
}
