import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config/load-config.js';
import { amqpSettings } from '../../src/sources/amqp-settings.js';
import { stompSettings } from '../../src/sources/stomp.js';
import type { AmqpSourceConfig, StompSourceConfig } from '../../src/config/sources-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'forgegate-stomp-tls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A config in its own folder, read from a working directory elsewhere (the repository's). */
function configWithTls(): { stomp: StompSourceConfig; amqp: AmqpSourceConfig; base: string } {
  const path = join(dir, 'forgegate.yaml');
  writeFileSync(
    path,
    `sources:
  - type: stomp
    servers: [{ host: broker.example.org, port: 61612, tls: true }]
    topics: ['org.fedoraproject.prod.bodhi.#']
    tls: { ca_cert: certs/ca.pem, certfile: certs/client.pem, keyfile: /etc/forgegate/client.key }
  - type: amqp
    url: amqps://broker.example.org/%2F
    bindings: [{ routing_keys: ['org.fedoraproject.prod.bodhi.#'] }]
    tls: { ca_cert: certs/ca.pem, certfile: certs/client.pem, keyfile: /etc/forgegate/client.key }
`,
  );
  const config = loadConfig(path);
  const [stomp, amqp] = config.sources as [StompSourceConfig, AmqpSourceConfig];
  return { stomp, amqp, base: dirname(path) };
}

describe('STOMP TLS files', () => {
  it("resolves relative paths against the config file's folder, not the working directory", () => {
    expect(process.cwd()).not.toBe(dir);
    const { stomp, base } = configWithTls();
    expect(stompSettings(stomp, base).tls).toEqual({
      ca_cert: join(dir, 'certs', 'ca.pem'),
      certfile: join(dir, 'certs', 'client.pem'),
      keyfile: '/etc/forgegate/client.key',
    });
  });

  it('resolves them as the AMQP source does', () => {
    const { stomp, amqp, base } = configWithTls();
    expect(stompSettings(stomp, base).tls).toEqual(amqpSettings(amqp, base).tls);
  });
});
