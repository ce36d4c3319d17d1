import { forgejoApi, type Api } from 'forgejo-js';
import { toForgeError, type StatusKinds } from './errors.js';
import { readAllPages, PAGE_SIZE, type Page } from './pagination.js';
import { redactor } from './redact.js';

export interface ClientOptions {
  /** The instance's root URL (`https://codeberg.org`, `https://git.example.org/forge` for a sub-path). */
  url: string;
  /** `owner/name`. */
  repo: string;
  token: string;
  /** Replaces global fetch (tests, proxies). */
  fetch?: typeof fetch;
  now?: () => number;
}

/** The forgejo-js answer shape the adapter reads (data plus headers for pagination). */
interface Answer<T> {
  data: T;
  headers: Headers;
}

/**
 * forgejo-js bound to one repository, with every failure turned into a ForgeError. The adapter
 * makes all its requests through `call`, so no raw client error can escape it.
 */
export class ForgejoClient {
  readonly api: Api<unknown>;
  readonly owner: string;
  readonly name: string;
  private readonly redact: (text: string) => string;
  private readonly now: () => number;

  constructor(options: ClientOptions) {
    const [owner, name, ...rest] = options.repo.split('/');
    if (
      owner === undefined ||
      owner === '' ||
      name === undefined ||
      name === '' ||
      rest.length > 0
    ) {
      throw new Error(`forge.repo: expected owner/name, got "${options.repo}"`);
    }
    this.owner = owner;
    this.name = name;
    this.redact = redactor(options.token);
    this.now = options.now ?? Date.now;
    const customFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
    this.api = forgejoApi(options.url.replace(/\/+$/, ''), { token: options.token, customFetch });
  }

  async call<T>(
    what: string,
    request: () => Promise<Answer<T>>,
    kinds?: StatusKinds,
  ): Promise<Answer<T>> {
    try {
      return await request();
    } catch (thrown) {
      throw toForgeError(thrown, { what, kinds, redact: this.redact, now: this.now });
    }
  }

  /** Like `call`, but a 404 is an answer (`null`), not an error. */
  async find<T>(what: string, request: () => Promise<Answer<T>>): Promise<T | null> {
    try {
      return (await this.call(what, request)).data;
    } catch (error) {
      if ((error as { kind?: unknown }).kind === 'not_found') return null;
      throw error;
    }
  }

  /** Every item of a paged list; `request` gets the page number and the page size. */
  async all<T>(
    what: string,
    request: (page: number, limit: number) => Promise<Answer<T[]>>,
  ): Promise<T[]> {
    return readAllPages(async (page): Promise<Page<T>> =>
      this.call(`${what} (page ${page})`, () => request(page, PAGE_SIZE)),
    );
  }
}

/**
 * forgejo-js puts path parameters into the URL as given. Branch names and file paths hold `/`
 * (`updates/FEDORA-2024-1`, `rpms/b/bash`), which Forgejo's routes take as is (`branches/*`,
 * `contents/*`, `pulls/{base}/*`); every other reserved character must be escaped.
 */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
