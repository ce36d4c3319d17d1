import type { ForgeState, UserRecord } from './forge-state.js';
import type { Urls } from './representations.js';
import type { Flavor } from './swagger.js';

export interface Call {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body, already validated against the operation's body schema. */
  body: unknown;
  user: UserRecord;
  state: ForgeState;
  urls: Urls;
  flavor: Flavor;
  /** The request's full URL, for `Link` headers. */
  url: URL;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Route handlers by swagger operationId. */
export type Routes = Record<string, (call: Call) => Reply>;

/**
 * Forgejo's paging (RATE-LIMITS.md, services/context/api.go): `page` from 1, `limit` default 30
 * cut to 50 (FACTS.md "Pagination"), a `Link` header with next/last/first/prev joined by a bare
 * `,`, and `X-Total-Count`.
 */
export const DEFAULT_PAGE_SIZE = 30;
export const MAX_PAGE_SIZE = 50;

export function paginate<T>(
  call: Call,
  items: T[],
): { items: T[]; headers: Record<string, string> } {
  const page = Math.max(1, Number(call.query.get('page') ?? '1') || 1);
  const asked = Number(call.query.get('limit') ?? String(DEFAULT_PAGE_SIZE)) || DEFAULT_PAGE_SIZE;
  const limit = Math.min(Math.max(1, asked), MAX_PAGE_SIZE);
  const last = Math.max(1, Math.ceil(items.length / limit));
  const link = (n: number, rel: string): string => {
    const url = new URL(call.url);
    url.searchParams.set('page', String(n));
    url.searchParams.set('limit', String(limit));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
  const headers: Record<string, string> = { 'x-total-count': String(items.length) };
  if (links.length > 0) headers.link = links.join(',');
  return { items: items.slice((page - 1) * limit, page * limit), headers };
}
