import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { fixturesRoot } from '@forgegate/testkit';

/**
 * The forge's own API description, compiled into the server's routing table and validators.
 *
 * Routes, parameter names and every body shape come from the swagger file, not from this code: a
 * request the description has no operation for is a 404, a body that does not validate against the
 * operation's `body` parameter is a 422, and every answer the server sends is validated against the
 * operation's declared response for that status (a mismatch is a test failure, recorded in
 * `violations`). Two deliberate tightenings, because Forgejo silently *ignores* what they catch
 * (Go's JSON decoder drops unknown fields), which would hide an adapter bug:
 * - objects are closed (`additionalProperties: false`): a misspelt field is refused;
 * - query parameters the operation does not declare are refused.
 */

export type Flavor = 'forgejo' | 'gitea';

export const SWAGGER_FILES: Record<Flavor, string> = {
  forgejo: 'forges/forgejo/swagger.v1.json', // Forgejo v11.0.1 (forgejo-js 11)
  gitea: 'forges/gitea/swagger.v1.json', // Gitea 1.22.0
};

interface SwaggerParameter {
  name: string;
  in: 'path' | 'query' | 'body' | 'header' | 'formData';
  type?: string;
  required?: boolean;
  schema?: object;
}

interface SwaggerOperation {
  operationId: string;
  parameters?: SwaggerParameter[];
  responses: Record<string, { $ref?: string; schema?: object }>;
}

interface Swagger {
  basePath: string;
  paths: Record<string, Record<string, SwaggerOperation>>;
  definitions: Record<string, object>;
  responses: Record<string, { schema?: object }>;
}

export interface Operation {
  method: string;
  /** The swagger path template, e.g. `/repos/{owner}/{repo}/pulls/{base}/{head}`. */
  template: string;
  operationId: string;
  /** Line of the path in the swagger file, for the citations in errors and counts. */
  line: number;
  pathParams: string[];
  queryParams: Map<string, SwaggerParameter>;
  bodyValidator?: ValidateFunction;
  regex: RegExp;
  /** Literal segments: more literals wins when several templates match. */
  specificity: number;
  /** Declared statuses; `schema()` compiles the answer's schema on first use (undefined: no body). */
  responses: Record<string, { schema(): ValidateFunction | undefined; empty: boolean }>;
}

/**
 * Path parameters Forgejo's router declares as `*` (routers/api/v1/api.go), so they may hold `/`:
 * branch names, file paths, the head of `pulls/{base}/*`, `compare/*`, `tags/*`.
 */
const WILDCARD_PARAMS = new Set(['branch', 'filepath', 'head', 'basehead', 'tag']);

const SWAGGER_REF = 'swagger';

/** Closes every object schema that lists its properties (see the header comment). */
function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      out[key] = value.replace('#/definitions/', `${SWAGGER_REF}#/definitions/`);
    } else {
      out[key] = closeObjects(value);
    }
  }
  if ('properties' in out && !('additionalProperties' in out)) out.additionalProperties = false;
  return out;
}

function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  return index < 0 ? 0 : text.slice(0, index).split('\n').length;
}

function templateRegex(template: string, op: SwaggerOperation): RegExp {
  const integers = new Set(
    (op.parameters ?? []).filter((p) => p.in === 'path' && p.type === 'integer').map((p) => p.name),
  );
  const pattern = template
    .split('/')
    .map((segment) => {
      const match = /^\{(\w+)\}$/.exec(segment);
      if (match === null) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const name = match[1] ?? '';
      if (integers.has(name)) return '(\\d+)';
      return WILDCARD_PARAMS.has(name) ? '(.+)' : '([^/]+)';
    })
    .join('/');
  return new RegExp(`^${pattern}$`);
}

export interface SwaggerApi {
  /** A definition's validator (`APIError`, for error answers the swagger leaves untyped). */
  definition(name: string): ValidateFunction;
  flavor: Flavor;
  file: string;
  basePath: string;
  operations: Operation[];
  /** The operation for a request path (without basePath), with its decoded path parameters. */
  match(
    method: string,
    path: string,
  ): { operation: Operation; params: Record<string, string> } | null;
  byId(operationId: string): Operation;
}

export function loadSwagger(flavor: Flavor): SwaggerApi {
  const file = join(fixturesRoot(), SWAGGER_FILES[flavor]);
  const text = readFileSync(file, 'utf8');
  const swagger = JSON.parse(text) as Swagger;
  const ajv = new Ajv({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: under NodeNext its function is the default export's `default`.
  (addFormatsModule as unknown as { default: (ajv: Ajv) => Ajv }).default(ajv);
  for (const format of ['int64', 'int32', 'uint64', 'float', 'double', 'byte', 'binary']) {
    ajv.addFormat(format, true);
  }
  ajv.addSchema({ $id: SWAGGER_REF, definitions: closeObjects(swagger.definitions) });

  const responseSchema = (entry: { $ref?: string; schema?: object }): object | undefined => {
    const resolved = entry.$ref ? swagger.responses[entry.$ref.replace('#/responses/', '')] : entry;
    return resolved?.schema;
  };

  const operations: Operation[] = [];
  for (const [template, methods] of Object.entries(swagger.paths)) {
    const line = lineOf(text, `"${template}": {`);
    for (const [method, op] of Object.entries(methods)) {
      if (method === 'parameters') continue;
      const params = op.parameters ?? [];
      const body = params.find((p) => p.in === 'body');
      const responses: Operation['responses'] = {};
      for (const [status, entry] of Object.entries(op.responses)) {
        // Compiled lazily: a few operations the server never serves declare swagger-only types
        // (`type: file` for downloads) that are not JSON Schema.
        const schema = responseSchema(entry);
        let compiled: ValidateFunction | undefined;
        responses[status] = {
          // `empty` (APIEmpty) and `conflict` are answers without a body by definition; other
          // schema-less answers (Gitea's `notFound`) still carry Forgejo's error JSON.
          empty: entry.$ref === '#/responses/empty' || entry.$ref === '#/responses/conflict',
          schema: () => {
            if (schema !== undefined && compiled === undefined) {
              compiled = ajv.compile(closeObjects(schema) as object);
            }
            return compiled;
          },
        };
      }
      operations.push({
        method: method.toUpperCase(),
        template,
        operationId: op.operationId,
        line,
        pathParams: template
          .split('/')
          .filter((segment) => /^\{\w+\}$/.test(segment))
          .map((segment) => segment.slice(1, -1)),
        queryParams: new Map(params.filter((p) => p.in === 'query').map((p) => [p.name, p])),
        bodyValidator: body?.schema ? ajv.compile(closeObjects(body.schema) as object) : undefined,
        regex: templateRegex(template, op),
        specificity: template.split('/').filter((s) => !s.startsWith('{')).length,
        responses,
      });
    }
  }
  // Most literal segments first, then fewest wildcards: `pulls/{index}/merge` before `pulls/{base}/{head}`.
  operations.sort((a, b) => b.specificity - a.specificity);

  return {
    definition: (name) => ajv.getSchema(`${SWAGGER_REF}#/definitions/${name}`) as ValidateFunction,
    flavor,
    file: SWAGGER_FILES[flavor],
    basePath: swagger.basePath.replace(/^\{\{[^}]*\}\}/, ''),
    operations,
    match(method, path) {
      for (const operation of operations) {
        if (operation.method !== method) continue;
        const found = operation.regex.exec(path);
        if (found === null) continue;
        const params: Record<string, string> = {};
        operation.pathParams.forEach((name, index) => {
          params[name] = decodeURIComponent(found[index + 1] ?? '');
        });
        return { operation, params };
      }
      return null;
    },
    byId(operationId) {
      const operation = operations.find((op) => op.operationId === operationId);
      if (operation === undefined)
        throw new Error(`${SWAGGER_FILES[flavor]} has no operation ${operationId}`);
      return operation;
    },
  };
}
