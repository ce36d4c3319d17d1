import { ForgeError } from '@forgegate/core';
import { SecretList } from '../../src/logging/redact.js';
import { DEFAULT_RETRY_POLICY, decideAfterFailure } from '../../src/worker/failure-policy.js';

const TOKEN = 'f0rg3j0-t0k3n-5ecr3t-0123456789abcdef';

function redactor(): (text: string) => string {
  const secrets = new SecretList();
  secrets.add(TOKEN);
  return (text) => secrets.redact(text);
}

describe('worker/failure-policy: what a failed attempt leaves in the inbox', () => {
  it('never keeps the token in a dead letter reason, even where the reason is cut short', () => {
    // The token straddles the 300-character cut: redacting after the cut would miss its tail.
    const message = `${'x'.repeat(280)} Authorization: token ${TOKEN} was refused`;
    const decision = decideAfterFailure(
      new ForgeError('permanent', message, undefined, 403),
      1,
      DEFAULT_RETRY_POLICY,
      redactor(),
    );
    expect(decision.action).toBe('dead');
    expect(decision.reason).toMatch(/^permanent \(HTTP 403\): x+/);
    expect(decision.reason).not.toContain(TOKEN.slice(0, 12));
    expect(decision.reason.length).toBeLessThanOrEqual(330);
  });

  it('redacts the reasons of retried attempts and of errors that are not forge errors', () => {
    const retried = decideAfterFailure(
      new ForgeError('transient', `HTTP 502 from https://x:${TOKEN}@forge.example/api`),
      1,
      DEFAULT_RETRY_POLICY,
      redactor(),
    );
    expect(retried.action).toBe('retry');
    expect(retried.reason).not.toContain(TOKEN);
    const surprise = decideAfterFailure(
      new Error(`socket hang up (token ${TOKEN})`),
      DEFAULT_RETRY_POLICY.maxAttempts,
      DEFAULT_RETRY_POLICY,
      redactor(),
    );
    expect(surprise).toMatchObject({ action: 'dead' });
    expect(surprise.reason).toMatch(/^gave up after 8 attempts: Error: socket hang up/);
    expect(surprise.reason).not.toContain(TOKEN);
  });
});
