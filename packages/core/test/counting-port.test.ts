import { describe, expect, it } from '@jest/globals';
import { countingPort } from '../src/counting-port.js';
import { ForgeError } from '../src/forge-error.js';
import type { ForgePort } from '../src/port.js';

/** A port whose methods answer fixed values: only the counting is under test here. */
function fakePort(): ForgePort {
  const calls = {
    whoami: async () => 'forgegate',
    getBranch: async () => null,
    setPullLabels: async () => undefined,
    createComment: async () => ({ id: 1, body: 'b', author: 'forgegate' }),
    updatePull: async () => {
      throw new Error('refused');
    },
    commitFiles: async () => {
      throw new ForgeError('conflict', 'branch moved');
    },
  };
  return calls as unknown as ForgePort;
}

describe('countingPort', () => {
  it('counts every call per method and the writes among them, failed writes included', async () => {
    const counted = countingPort(fakePort());
    await counted.port.whoami();
    await counted.port.getBranch('f42');
    await counted.port.getBranch('f41');
    await counted.port.setPullLabels(1, ['bugfix']);
    await expect(counted.port.createComment(1, 'hi')).resolves.toEqual({
      id: 1,
      body: 'b',
      author: 'forgegate',
    });
    await expect(counted.port.updatePull(1, { title: 't' })).rejects.toThrow('refused');
    expect(counted.calls()).toEqual({
      whoami: 1,
      getBranch: 2,
      setPullLabels: 1,
      createComment: 1,
      updatePull: 1,
    });
    expect(counted.writes()).toBe(3);
    expect(counted.written).toEqual(['setPullLabels', 'createComment', 'updatePull']);
  });

  it('lists the ForgeErrors the port answered, and only those', async () => {
    const counted = countingPort(fakePort());
    const request = { branch: 'f41', parentSha: 'a', message: 'm', files: [] };
    await expect(counted.port.commitFiles(request)).rejects.toThrow('branch moved');
    await expect(counted.port.updatePull(1, { title: 't' })).rejects.toThrow('refused');
    expect(counted.failures()).toEqual([{ operation: 'commitFiles', kind: 'conflict' }]);
  });

  it('runs `before` ahead of each call, with its arguments, once the call is counted', async () => {
    const seen: string[] = [];
    const counted = countingPort(fakePort(), {
      before: async (operation, args) => {
        seen.push(`${operation}(${args.join(',')}) after ${counted.writes()} writes`);
      },
    });
    await counted.port.getBranch('f41');
    await counted.port.setPullLabels(7, ['bugfix']);
    expect(seen).toEqual([
      'getBranch(f41) after 0 writes',
      'setPullLabels(7,bugfix) after 1 writes',
    ]);
  });
});
