import type { ForgePort } from '@forgegate/core';
import { countingPort } from '../../src/forge/counting-port.js';

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
  });
});
