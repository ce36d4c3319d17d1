import { PassThrough } from 'node:stream';
import { createLogger } from '../../src/logging/create-logger.js';
import { redact, REDACTED, SecretList } from '../../src/logging/redact.js';

function capture(isTTY: boolean): {
  stream: PassThrough & { isTTY?: boolean };
  text: () => string;
} {
  const stream = Object.assign(new PassThrough(), { isTTY });
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return { stream, text: () => chunks.join('') };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('createLogger', () => {
  it('writes JSON lines when the stream is not a terminal', async () => {
    const { stream, text } = capture(false);
    createLogger({ stream }).warn('demo.jsonl:3: rejected: bad', { origin: 'demo.jsonl:3' });
    await flush();
    const line = JSON.parse(text().trim()) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 'warn',
      message: 'demo.jsonl:3: rejected: bad',
      origin: 'demo.jsonl:3',
    });
  });

  it('writes readable lines on a terminal', async () => {
    const { stream, text } = capture(true);
    createLogger({ stream }).info('replay started', { files: 2 });
    await flush();
    expect(text()).toMatch(/^\d\d:\d\d:\d\d info {2}replay started {2}files=2\n$/);
  });

  it('never prints the configured token or token-shaped text, in any field or form', async () => {
    const token = 'c0ffee-forgejo-token-value';
    for (const isTTY of [false, true]) {
      const secrets = new SecretList();
      const { stream, text } = capture(isTTY);
      const logger = createLogger({ stream, secrets });
      secrets.add(token); // learnt after the logger was made, as the CLI does
      logger.error(`request failed with token ${token}`, {
        headers: { Authorization: `token ${token}` },
        url: `https://codeberg.org/api/v1/repos?access_token=${token}`,
      });
      logger.error(new Error(`GET failed: ${token}`));
      logger.warn('github said', {
        body: 'bad credentials for ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      });
      await flush();
      const output = text();
      expect(output).not.toContain(token);
      expect(output).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
      expect(output).toContain(REDACTED);
    }
  });

  it('leaves the objects it was given as they were', async () => {
    const { stream } = capture(false);
    const meta = { nested: { auth: 'Bearer abcdefghijklmnopqrstuvwxyz' } };
    createLogger({ stream }).info('x', meta);
    await flush();
    expect(meta.nested.auth).toBe('Bearer abcdefghijklmnopqrstuvwxyz');
  });
});

describe('redact', () => {
  it.each([
    [
      'Authorization: token 0123456789abcdef0123456789abcdef01234567',
      'Authorization: token [redacted]',
    ],
    ['PRIVATE-TOKEN: glpat-xxxxxxxxxxxxxxxxxxxx', 'PRIVATE-TOKEN: [redacted]'],
    ['using glpat-abcdefghijklmnopqrst now', 'using [redacted] now'],
    ['github_pat_11ABCDEFG0123456789_abcdefghijklmnop', '[redacted]'],
    ['GET /api?access_token=s3cr3tvalue&page=2', 'GET /api?access_token=[redacted]&page=2'],
    ['{"token": "abc123secretvalue"}', '{"token": "[redacted]"}'],
    ['https://bot:hunter2hunter2@codeberg.org/x.git', 'https://bot:[redacted]@codeberg.org/x.git'],
    ['Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc', 'Bearer [redacted]'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('keeps ordinary log text: commit shas, aliases, NVRs, config key names', () => {
    const text =
      'FEDORA-2025-0a1b2c3d4e: commit 4f9e2a1c0b7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f on f42 (bash-5.2.26-3.fc42); forge.token_file: missing';
    expect(redact(text)).toBe(text);
  });

  it('removes configured secrets wherever they appear', () => {
    expect(redact('a-very-secret-value inside', ['a-very-secret-value'])).toBe(
      `${REDACTED} inside`,
    );
  });
});
