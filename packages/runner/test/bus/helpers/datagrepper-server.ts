import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DatagrepperServer {
  url: string;
  /** The query of every request, in order. */
  requests: URLSearchParams[];
  /** Answers this page with HTTP 500 `times` times. */
  failPage: { page: number; times: number } | undefined;
  /** Never answers this page (a backfill killed while it waits); `onHold` is called instead. */
  holdPage: { page: number; onHold: () => void } | undefined;
  close(): Promise<void>;
}

/**
 * A local datagrepper: `/v2/search` pages in the format of ../shared/fixtures/messages/datagrepper/
 * ({arguments, count, pages, raw_messages, total}, items in fedora-messaging form), oldest first.
 */
export async function datagrepperServer(messages: unknown[]): Promise<DatagrepperServer> {
  const held: ServerResponse[] = [];
  const state: Omit<DatagrepperServer, 'url' | 'close'> = {
    requests: [],
    failPage: undefined,
    holdPage: undefined,
  };
  const answer = (request: IncomingMessage, response: ServerResponse) => {
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    state.requests.push(query);
    const page = Number(query.get('page'));
    if (state.holdPage?.page === page) {
      held.push(response);
      state.holdPage.onHold();
      return;
    }
    if (state.failPage?.page === page && state.failPage.times > 0) {
      state.failPage.times -= 1;
      response
        .writeHead(500, { 'content-type': 'text/html' })
        .end('<h1>Internal Server Error</h1>');
      return;
    }
    const rows = Number(query.get('rows_per_page'));
    const pages = Math.ceil(messages.length / rows);
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        arguments: {
          page,
          rows_per_page: rows,
          order: query.get('order'),
          start: Number(query.get('start')),
          end: Number(query.get('end')),
          topics: query.getAll('topic'),
        },
        count: Math.min(rows, Math.max(0, messages.length - (page - 1) * rows)),
        pages,
        raw_messages: messages.slice((page - 1) * rows, page * rows),
        total: messages.length,
      }),
    );
  };
  const server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      for (const response of held) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  });
}
