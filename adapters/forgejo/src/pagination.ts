/**
 * Forgejo pages lists with `page` and `limit`; `limit` is cut to `[api] MAX_RESPONSE_ITEMS`, 50 by
 * default (forges/FACTS.md, forges/RATE-LIMITS.md: modules/setting/api.go). Asking for more is
 * pointless, asking for less wastes requests.
 */
export const PAGE_SIZE = 50;

/** The part of a forgejo-js answer pagination reads. */
export interface Page<T> {
  data: T[];
  headers: Headers;
}

/**
 * Whether another page follows: the `Link` header's `rel="next"` when the forge sends one (Forgejo
 * does on paged lists, entries joined by a bare `,`), else `X-Total-Count` against what was read
 * (Forgejo's combined status sends only that), else the answer was the whole list.
 */
function hasNext(page: Page<unknown>, readSoFar: number): boolean {
  const link = page.headers.get('link');
  if (link !== null) return /rel="next"/.test(link);
  const total = page.headers.get('x-total-count');
  if (total !== null && Number.isFinite(Number(total))) {
    return page.data.length > 0 && readSoFar < Number(total);
  }
  return false;
}

/** Every item of a paged list, one request per page of PAGE_SIZE. */
export async function readAllPages<T>(fetchPage: (page: number) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  for (let number = 1; ; number += 1) {
    const page = await fetchPage(number);
    items.push(...page.data);
    if (!hasNext(page, items.length)) return items;
  }
}
