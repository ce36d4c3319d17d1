import type { DatagrepperSourceConfig } from '../config/sources-schema.js';
import { backoffDelay } from '../worker/backoff.js';
import type { Intake, Source } from './source.js';

/** What was asked, and the next page to read: kept in the inbox so a killed backfill resumes. */
interface DatagrepperCursor {
  start: number;
  end: number;
  topics: string[];
  categories: string[];
  rowsPerPage: number;
  nextPage: number;
}

/** One page of `/v2/search` (../shared/fixtures/messages/datagrepper/). */
interface SearchPage {
  pages: number;
  total?: number;
  raw_messages: unknown[];
}

export interface BackfillProgress {
  page: number;
  pages: number;
  messages: number;
  queued: number;
}

/**
 * Backfill from datagrepper's `/v2/search`: every message in a time window (optionally filtered by
 * topic and category), oldest first, page by page. Each page and the next page number are committed
 * to the inbox together, so a backfill killed at any point resumes at the page it had not finished;
 * the messages already queued are duplicates if read again. A failing page is retried with backoff
 * (`page_attempts` times), then the backfill stops with an error and resumes there next time.
 */
export class DatagrepperSource implements Source {
  constructor(
    readonly name: string,
    private readonly config: DatagrepperSourceConfig,
    /** Without `until`: up to now, or up to where the interrupted backfill being resumed stopped. */
    private readonly window: { since: Date; until?: Date },
    private readonly options: {
      fetchImpl?: typeof fetch;
      onProgress?: (progress: BackfillProgress) => void;
      random?: () => number;
    } = {},
  ) {}

  private get cursorKey(): string {
    return `datagrepper:${this.name}`;
  }

  async run(intake: Intake, signal: AbortSignal): Promise<void> {
    const cursor = this.resumeFrom(intake);
    if (cursor.nextPage > 1) {
      intake.logger.info(`resuming the backfill at page ${cursor.nextPage}`, { source: this.name });
    }
    let pages = Number.POSITIVE_INFINITY;
    let messages = 0;
    while (cursor.nextPage <= pages && !signal.aborted) {
      const page = await this.fetchPage(cursor, intake, signal);
      if (page === undefined) return; // aborted while waiting to retry
      pages = page.pages;
      const records = page.raw_messages.map((message, index) => ({
        source: this.name,
        text: JSON.stringify(message),
        origin: `${this.name} page ${cursor.nextPage} #${index + 1}`,
      }));
      cursor.nextPage += 1;
      const results = intake.acceptPage(records, {
        source: this.cursorKey,
        value: JSON.stringify(cursor),
      });
      messages += records.length;
      this.options.onProgress?.({
        page: cursor.nextPage - 1,
        pages,
        messages,
        queued: results.filter((result) => result.status === 'queued').length,
      });
      if (records.length === 0) break;
    }
    if (!signal.aborted) intake.inbox.setCursor(this.cursorKey, undefined);
  }

  /** The stored cursor when it is for the same request; a different request starts over. */
  private resumeFrom(intake: Intake): DatagrepperCursor {
    const fresh: DatagrepperCursor = {
      start: Math.floor(this.window.since.getTime() / 1000),
      end: Math.floor((this.window.until?.getTime() ?? intake.clock.now()) / 1000),
      topics: this.config.topics,
      categories: this.config.categories,
      rowsPerPage: this.config.rows_per_page,
      nextPage: 1,
    };
    const stored = intake.inbox.cursor(this.cursorKey);
    if (stored === undefined) return fresh;
    const previous = JSON.parse(stored) as DatagrepperCursor;
    const comparable = this.window.until === undefined ? { ...fresh, end: previous.end } : fresh;
    const same = JSON.stringify({ ...previous, nextPage: 1 }) === JSON.stringify(comparable);
    return same ? previous : fresh;
  }

  private async fetchPage(
    cursor: DatagrepperCursor,
    intake: Intake,
    signal: AbortSignal,
  ): Promise<SearchPage | undefined> {
    const url = this.pageUrl(cursor);
    const fetchImpl = this.options.fetchImpl ?? fetch;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const response = await fetchImpl(url, { headers: { accept: 'application/json' }, signal });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const page = (await response.json()) as SearchPage;
        if (!Array.isArray(page.raw_messages) || typeof page.pages !== 'number') {
          throw new Error('not a datagrepper page (no raw_messages or pages)');
        }
        return page;
      } catch (error) {
        if (signal.aborted) return undefined;
        const reason = `page ${cursor.nextPage}: ${(error as Error).message}`;
        if (attempt >= this.config.page_attempts) {
          throw new Error(
            `${this.name}: ${reason}; gave up after ${attempt} attempts (the next backfill resumes here)`,
          );
        }
        const wait = backoffDelay(attempt, { baseMs: 1000, maxMs: 60_000 }, this.options.random);
        intake.logger.warn(`${reason}; retrying in ${wait} ms`, { source: this.name });
        await intake.clock.sleep(wait, signal);
      }
    }
  }

  private pageUrl(cursor: DatagrepperCursor): string {
    const url = new URL(`${this.config.url.replace(/\/+$/, '')}/v2/search`);
    url.searchParams.set('start', String(cursor.start));
    url.searchParams.set('end', String(cursor.end));
    url.searchParams.set('page', String(cursor.nextPage));
    url.searchParams.set('rows_per_page', String(cursor.rowsPerPage));
    // Oldest first: one update's messages then reach the inbox in the order they were sent.
    url.searchParams.set('order', 'asc');
    for (const topic of cursor.topics) url.searchParams.append('topic', topic);
    for (const category of cursor.categories) url.searchParams.append('category', category);
    return url.toString();
  }
}
