/**
 * Bodhi's REST API, the little forgegate reads of it: one update by alias. Bodhi never puts its
 * own system comments (karma reached, pushed to testing) on the bus, so the API is how a PR gets them.
 */
export class BodhiClient {
  private readonly base: string;

  constructor(
    url: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.base = url.replace(/\/+$/, '');
  }

  /** The update object as Bodhi serialises it, or null when Bodhi does not know the alias. */
  async update(alias: string): Promise<Record<string, unknown> | null> {
    const url = `${this.base}/updates/${encodeURIComponent(alias)}`;
    const response = await this.fetchImpl(url, { headers: { accept: 'application/json' } });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
    // The single-update endpoint wraps the object: {"update": {...}, "can_edit": ..., ...}.
    const json = (await response.json()) as { update?: unknown };
    if (typeof json.update !== 'object' || json.update === null) {
      throw new Error(`GET ${url}: no "update" object in the answer`);
    }
    return json.update as Record<string, unknown>;
  }
}

/**
 * An update fetched from Bodhi as a message the parser reads: an `edit` carrying the whole update.
 * It has no send time, so its version is the newest of the update's own dates (DESIGN.md), and no
 * id, so its id is a hash of its content: fetching an unchanged update twice is a duplicate.
 */
export function refreshMessage(update: Record<string, unknown>, topicPrefix: string): string {
  return JSON.stringify({
    topic: `${topicPrefix}bodhi.update.edit`,
    body: { update, agent: 'bodhi' },
  });
}
