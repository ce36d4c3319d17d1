import { ForgeError, isForgeError } from '@forgegate/core';

describe('ForgeError', () => {
  it('says which kinds a retry can fix', () => {
    expect(new ForgeError('rate_limited', 'slow down', 1000).retryable).toBe(true);
    expect(new ForgeError('transient', 'HTTP 502').retryable).toBe(true);
    expect(new ForgeError('permanent', 'HTTP 422').retryable).toBe(false);
    expect(new ForgeError('not_found', 'no branch').retryable).toBe(false);
  });

  it('is recognised by kind', () => {
    const error = new ForgeError('conflict', 'stale sha');
    expect(isForgeError(error, 'conflict')).toBe(true);
    expect(isForgeError(error, 'not_found')).toBe(false);
    expect(isForgeError(new Error('plain'))).toBe(false);
  });
});
