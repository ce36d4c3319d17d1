import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { Config, ForgeSettings } from './config.js';
import { ConfigError } from './config-error.js';
import { describeIssue } from './issue-message.js';
import { configFileSchema, DEFAULT_GIT_REPO, type ConfigFile } from './schema.js';
import { Secret } from './secret.js';

export interface ConfigOverrides {
  /** `--repo DIR`: the git repository (or owner/name), relative to the working directory. */
  repo?: string;
}

export interface ConfigEnvironment {
  env: Record<string, string | undefined>;
  cwd: string;
}

const PROCESS_ENVIRONMENT: ConfigEnvironment = {
  get env() {
    return process.env;
  },
  get cwd() {
    return process.cwd();
  },
};

/**
 * Reads and validates the configuration. With no file, the defaults: the embedded git forge at
 * `./var/distribution.git`. Relative paths in a file are resolved against the file's directory
 * (so a config works from any working directory); `--repo` against the working directory.
 * Throws ConfigError with one line naming the file and the key.
 */
export function loadConfig(
  path: string | undefined,
  overrides: ConfigOverrides = {},
  environment: ConfigEnvironment = PROCESS_ENVIRONMENT,
): Config {
  const raw = path === undefined ? {} : readYaml(path);
  const label = path ?? 'configuration';
  const parsed = configFileSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new ConfigError(`${label}: ${parsed.error.issues.map(describeIssue).join('; ')}`);
  }
  const file = parsed.data;
  const base = path === undefined ? environment.cwd : dirname(resolve(environment.cwd, path));
  return {
    ...(path === undefined ? {} : { file: path }),
    forge: forgeSettings(file, overrides, base, label, environment),
    core: {
      layout: file.layout,
      topicPrefixes: file.topic_prefixes,
      releases: file.releases,
      kojiTags: file.koji_tags,
      composes: file.composes,
    },
    sources: file.sources,
    inbox: { path: resolve(base, file.inbox.path) },
  };
}

function readYaml(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { prettyErrors: false, lineCounter });
  const [first] = document.errors;
  if (first) {
    const { line, col } = lineCounter.linePos(first.pos[0]);
    throw new ConfigError(`${path}:${line}:${col}: ${oneLine(first.message)}`);
  }
  return document.toJS();
}

function forgeSettings(
  file: ConfigFile,
  overrides: ConfigOverrides,
  base: string,
  label: string,
  environment: ConfigEnvironment,
): ForgeSettings {
  const { type, url } = file.forge;
  const isGit = type === 'git';
  let repo: string;
  if (overrides.repo !== undefined) {
    repo = isGit ? resolve(environment.cwd, overrides.repo) : overrides.repo;
  } else {
    repo = isGit ? resolve(base, file.forge.repo ?? DEFAULT_GIT_REPO) : (file.forge.repo as string);
  }
  const token = readToken(file, base, label, environment);
  return { type, repo, ...(url === undefined ? {} : { url }), ...(token ? { token } : {}) };
}

/** The token from `token_file` or `token_env`; the error names the key, never the value. */
function readToken(
  file: ConfigFile,
  base: string,
  label: string,
  environment: ConfigEnvironment,
): Secret | undefined {
  const { token_file: tokenFile, token_env: tokenEnv } = file.forge;
  if (tokenFile !== undefined) {
    let value: string;
    try {
      value = readFileSync(resolve(base, tokenFile), 'utf8').trim();
    } catch (error) {
      throw new ConfigError(
        `${label}: forge.token_file: cannot read ${tokenFile}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      );
    }
    if (value === '') throw new ConfigError(`${label}: forge.token_file: ${tokenFile} is empty`);
    return new Secret(value);
  }
  if (tokenEnv !== undefined) {
    const value = environment.env[tokenEnv]?.trim();
    if (!value) {
      throw new ConfigError(
        `${label}: forge.token_env: environment variable ${tokenEnv} is not set`,
      );
    }
    return new Secret(value);
  }
  return undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
