import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.js';

const dir = mkdtempSync(join(tmpdir(), 'forgegate-config-'));
const environment = { env: { FORGEGATE_TOKEN: 'tok-0123456789abcdef' }, cwd: '/srv/work' };

function configFile(name: string, yaml: string): string {
  const path = join(dir, name);
  writeFileSync(path, yaml);
  return path;
}

function errorOf(path: string): string {
  try {
    loadConfig(path, {}, environment);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadConfig accepted a bad file');
}

describe('loadConfig', () => {
  it('defaults to the embedded git forge at ./var/distribution.git', () => {
    const config = loadConfig(undefined, {}, environment);
    expect(config.forge).toEqual({ type: 'git', repo: '/srv/work/var/distribution.git' });
    expect(config.core).toEqual({
      layout: 'sharded',
      topicPrefixes: ['org.fedoraproject.prod.', 'org.fedoraproject.stg.', 'org.centos.prod.'],
      releases: {},
      kojiTags: {},
      composes: [],
    });
    expect(config.inbox.path).toBe('/srv/work/var/inbox.sqlite');
  });

  it('takes --repo relative to the working directory', () => {
    expect(loadConfig(undefined, { repo: 'elsewhere.git' }, environment).forge.repo).toBe(
      '/srv/work/elsewhere.git',
    );
  });

  it("maps every skeleton key, paths relative to the file's folder", () => {
    const path = configFile(
      'full.yaml',
      [
        'forge: {type: git, repo: ./dist.git}',
        'layout: flat',
        'topic_prefixes: [org.fedoraproject.dev.]',
        'releases: {F41: f41}',
        'koji_tags: {f41-updates: f41}',
        "composes: [{match: '^Fedora-41-', branch: f41}]",
        'sources: []',
        'inbox: {path: state/inbox.sqlite}',
      ].join('\n'),
    );
    const config = loadConfig(path, { repo: undefined }, environment);
    expect(config.file).toBe(path);
    expect(config.forge.repo).toBe(join(dir, 'dist.git'));
    expect(config.core).toEqual({
      layout: 'flat',
      topicPrefixes: ['org.fedoraproject.dev.'],
      releases: { F41: 'f41' },
      kojiTags: { 'f41-updates': 'f41' },
      composes: [{ match: '^Fedora-41-', branch: 'f41' }],
    });
    expect(config.inbox.path).toBe(join(dir, 'state', 'inbox.sqlite'));
  });

  it.each([
    ['forge:\n  type: gitea\n', 'forge.type: expected one of git|forgejo|gitlab|github'],
    ['layout: nested\n', 'layout: expected one of sharded|flat'],
    ['forge:\n  token_flie: x\n', 'forge.token_flie: unknown key'],
    ['inbox_path: x\n', 'inbox_path: unknown key'],
    ['topic_prefixes: org.fedoraproject.prod.\n', 'topic_prefixes: expected a list'],
    ['topic_prefixes: []\n', 'topic_prefixes: needs at least one prefix'],
    ['releases: {F41: 41}\n', 'releases.F41: expected a string'],
    ["composes: [{match: '(', branch: f41}]\n", 'composes.0.match: not a valid regular expression'],
    ['forge: {type: forgejo, url: https://codeberg.org, token_env: T}\n', 'forge.repo: required'],
    [
      'forge: {type: gitlab, repo: a/b, url: https://gitlab.com}\n',
      'forge.token_file: forge.token_file or forge.token_env is required for forge.type gitlab',
    ],
    [
      'forge: {type: git, token_env: NOT_SET_ANYWHERE}\n',
      'forge.token_env: environment variable NOT_SET_ANYWHERE is not set',
    ],
    [
      'forge: {type: git, token_file: missing-token}\n',
      'forge.token_file: cannot read missing-token: ENOENT',
    ],
  ])('names the key in its one-line error: %j', (yaml, expected) => {
    const path = configFile('bad.yaml', yaml);
    const message = errorOf(path);
    expect(message).toContain(`${path}: ${expected}`);
    expect(message).not.toContain('\n');
  });

  it('reports YAML syntax errors with line and column', () => {
    const path = configFile('syntax.yaml', 'forge:\n  type: [git\n');
    expect(errorOf(path)).toMatch(new RegExp(`^${path}:\\d+:\\d+: `));
  });

  it('reports a missing file by name', () => {
    expect(errorOf(join(dir, 'absent.yaml'))).toBe(
      `${join(dir, 'absent.yaml')}: cannot read: ENOENT`,
    );
  });

  it('reads the token from token_env or token_file and never prints it', () => {
    const fromEnv = loadConfig(
      configFile(
        'env.yaml',
        'forge: {type: github, repo: fedora/dist, token_env: FORGEGATE_TOKEN}\n',
      ),
      {},
      environment,
    );
    writeFileSync(join(dir, 'token'), 'file-token-abcdef0123\n');
    const fromFile = loadConfig(
      configFile(
        'file.yaml',
        'forge: {type: forgejo, repo: fedora/dist, url: https://codeberg.org, token_file: token}\n',
      ),
      {},
      environment,
    );
    expect(fromEnv.forge.token?.reveal()).toBe('tok-0123456789abcdef');
    expect(fromFile.forge.token?.reveal()).toBe('file-token-abcdef0123');
    for (const config of [fromEnv, fromFile]) {
      const printed = [
        JSON.stringify(config),
        inspect(config, { depth: 9 }),
        `${config.forge.token}`,
      ];
      for (const text of printed) {
        expect(text).not.toContain(config.forge.token!.reveal());
        expect(text).toContain('[secret]');
      }
    }
  });
});
