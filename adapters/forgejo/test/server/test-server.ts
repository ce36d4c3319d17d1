import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Faults, type Fault } from './faults.js';
import { ForgeState } from './forge-state.js';
import { HttpError } from './http-error.js';
import { issueRoutes } from './issue-routes.js';
import { pullRoutes } from './pull-routes.js';
import { repoRoutes } from './repo-routes.js';
import type { Urls } from './representations.js';
import type { Call, Reply, Routes } from './route-types.js';
import { loadSwagger, type Flavor, type Operation, type SwaggerApi } from './swagger.js';

/**
 * A local stand-in for Forgejo (or Gitea 1.22): Node's http module in front of an in-memory
 * repository. See swagger.ts for how requests and answers are held to the forge's API description,
 * the route files for where each behaviour comes from, faults.ts for injected failures.
 */

const ROUTES: Routes = { ...repoRoutes, ...pullRoutes, ...issueRoutes };

/** Operations whose answer the swagger types as one object though Forgejo sends a list for a directory. */
const LIST_FOR_DIRECTORY = new Set(['repoGetContents']);

export interface TestServerOptions {
  flavor?: Flavor;
  owner?: string;
  repo?: string;
  defaultBranch?: string;
  /** The bot's account and token. */
  login?: string;
  token?: string;
}

export interface RequestCounts {
  /** `METHOD /swagger/template` -> requests. */
  byOperation: Record<string, number>;
  byMethod: Record<string, number>;
  total: number;
}

export class ForgejoTestServer {
  private current: ForgeState;
  private readonly options: TestServerOptions;
  readonly faults = new Faults();
  readonly swagger: SwaggerApi;
  /** Answers or requests that broke the API description: any entry fails the tests that check it. */
  readonly violations: string[] = [];
  readonly token: string;
  private counts: RequestCounts = { byOperation: {}, byMethod: {}, total: 0 };
  private server: Server | undefined;
  private root = '';

  constructor(options: TestServerOptions = {}) {
    this.swagger = loadSwagger(options.flavor ?? 'forgejo');
    this.options = options;
    this.token = options.token ?? 'fg-test-token-0123456789abcdef';
    this.current = this.freshState();
    for (const operation of Object.keys(ROUTES)) this.swagger.byId(operation); // every route is in the swagger
  }

  /** The repository and accounts, for tests to seed or inspect directly. */
  get state(): ForgeState {
    return this.current;
  }

  /** A new, empty repository with only the bot's account; counts and faults start over too. */
  reset(): void {
    this.current = this.freshState();
    this.faults.clear();
    this.resetCounts();
  }

  private freshState(): ForgeState {
    const { owner = 'fedora', repo = 'distribution', defaultBranch = 'main' } = this.options;
    const state = new ForgeState(owner, repo, defaultBranch);
    state.addUser(this.options.login ?? 'forgegate', this.token);
    return state;
  }

  get flavor(): Flavor {
    return this.swagger.flavor;
  }

  /** The instance's root URL, as the adapter's `url` option takes it. */
  get url(): string {
    return this.root;
  }

  get repo(): string {
    return `${this.state.owner}/${this.state.repo}`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.root = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The token of an account, created on first use (a tester who votes, a packager who pushes). */
  tokenFor(login: string): string {
    const existing = this.state.userByLogin(login);
    if (existing !== undefined) return existing.token;
    const token = `fg-test-${login}-token`;
    this.state.addUser(login, token);
    return token;
  }

  inject(fault: Fault): void {
    this.swagger.byId(fault.operation);
    this.faults.add(fault);
  }

  requestCounts(): RequestCounts {
    return structuredClone(this.counts);
  }

  resetCounts(): void {
    this.counts = { byOperation: {}, byMethod: {}, total: 0 };
  }

  private count(method: string, key: string): void {
    this.counts.byOperation[key] = (this.counts.byOperation[key] ?? 0) + 1;
    this.counts.byMethod[method] = (this.counts.byMethod[method] ?? 0) + 1;
    this.counts.total += 1;
  }

  private urls(): Urls {
    const repoPath = `${this.state.owner}/${this.state.repo}`;
    return {
      root: this.root,
      repoApi: `${this.root}${this.swagger.basePath}/repos/${repoPath}`,
      repoHtml: `${this.root}/${repoPath}`,
    };
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', this.root);
    const raw = await readBody(request);
    const base = this.swagger.basePath;
    const path = url.pathname.startsWith(base) ? url.pathname.slice(base.length) : url.pathname;
    const matched = this.swagger.match(method, path);
    this.count(
      method,
      matched === null ? `${method} (no route) ${path}` : `${method} ${matched.operation.template}`,
    );
    if (matched === null) {
      return send(response, 404, {
        message: `no such API route in ${this.swagger.file}: ${method} ${path}`,
      });
    }
    const { operation, params } = matched;
    const fault = this.faults.take(operation.operationId);
    if (fault !== undefined) {
      // A status the operation declares as empty (405 on merge) is sent without a body.
      const bodiless = operation.responses[String(fault.status)]?.empty === true;
      const body =
        fault.body ??
        (bodiless ? undefined : { message: `injected ${fault.status}`, url: url.toString() });
      return send(response, fault.status, body, fault.headers);
    }
    const user = this.authenticate(request);
    if (user === undefined)
      return send(response, 401, { message: 'token is required', url: url.toString() });
    const reply = this.dispatch(operation, params, url, raw, user);
    const checked = this.checkAnswer(operation, reply);
    return send(response, checked.status, checked.body, checked.headers);
  }

  /** `Authorization: token <t>` or `Bearer <t>` (swagger securityDefinitions AuthorizationHeaderToken). */
  private authenticate(request: IncomingMessage) {
    const header = request.headers.authorization ?? '';
    const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header);
    return match === null ? undefined : this.state.users.get(match[1] ?? '');
  }

  private dispatch(
    operation: Operation,
    params: Record<string, string>,
    url: URL,
    raw: string,
    user: Call['user'],
  ): Reply {
    const where = `${operation.method} ${operation.template} (${operation.operationId}, ${this.swagger.file}:${operation.line})`;
    try {
      if (params.owner !== this.state.owner || params.repo !== this.state.repo) {
        if (operation.template.startsWith('/repos/'))
          throw new HttpError(404, `repository ${params.owner}/${params.repo} does not exist`);
      }
      for (const name of url.searchParams.keys()) {
        if (!operation.queryParams.has(name))
          throw new HttpError(422, `query parameter ${name} is not in ${where}`);
      }
      let body: unknown;
      if (operation.bodyValidator !== undefined) {
        body = raw === '' ? {} : JSON.parse(raw);
        if (!operation.bodyValidator(body)) {
          const detail = (operation.bodyValidator.errors ?? []).map(
            (e) =>
              `${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
          );
          throw new HttpError(422, `request body does not match ${where}: ${detail.join('; ')}`);
        }
      } else if (raw !== '') {
        throw new HttpError(422, `${where} takes no body`);
      }
      const handler = ROUTES[operation.operationId];
      if (handler === undefined)
        throw new HttpError(501, `test server: ${where} is not implemented`);
      return handler({
        params,
        query: url.searchParams,
        body,
        user,
        state: this.state,
        urls: this.urls(),
        flavor: this.flavor,
        url,
      });
    } catch (error) {
      if (error instanceof HttpError) {
        if (error.status === 501 || (error.status === 422 && error.message.includes(where)))
          this.violations.push(error.message);
        return {
          status: error.status,
          body: error.message === '' ? undefined : { message: error.message, url: url.toString() },
        };
      }
      throw error;
    }
  }

  /**
   * Holds the answer to the operation's declared responses: an undeclared status, or a body that
   * does not validate against the declared schema, is recorded as a violation and answered 500.
   */
  private checkAnswer(operation: Operation, reply: Reply): Reply {
    const where = `${operation.method} ${operation.template} (${operation.operationId}, ${this.swagger.file}:${operation.line})`;
    const declared = operation.responses[String(reply.status)];
    if (declared === undefined) {
      if (reply.status === 501) return reply;
      return this.violation(
        `${where} answered ${reply.status}, which the swagger does not declare`,
      );
    }
    const validator = declared.schema();
    if (validator === undefined) {
      if (reply.body === undefined) return reply;
      if (declared.empty) return this.violation(`${where} ${reply.status} is empty but got a body`);
      // Gitea 1.22 declares its error answers (`notFound`) without a schema, yet sends the same
      // APIError JSON as Forgejo: hold such bodies to APIError.
      const apiError = this.swagger.definition('APIError');
      if (apiError(reply.body)) return reply;
      return this.violation(`${where} ${reply.status} error body is no APIError`);
    }
    const bodies =
      Array.isArray(reply.body) && LIST_FOR_DIRECTORY.has(operation.operationId)
        ? reply.body
        : [reply.body];
    for (const body of bodies) {
      if (!validator(body)) {
        return this.violation(
          `${where} ${reply.status} answer breaks the swagger: ${JSON.stringify(validator.errors?.slice(0, 3))}`,
        );
      }
    }
    return reply;
  }

  private violation(message: string): Reply {
    this.violations.push(message);
    return { status: 500, body: { message: `test server: ${message}` } };
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(
  response: ServerResponse,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, {
    ...(text === '' ? {} : { 'content-type': 'application/json;charset=utf-8' }),
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}

export async function startTestServer(options: TestServerOptions = {}): Promise<ForgejoTestServer> {
  return new ForgejoTestServer(options).start();
}
