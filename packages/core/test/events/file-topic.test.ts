import { fileTopicOf } from '@forgegate/core';

describe('core/events: a bare body’s topic from its file name', () => {
  it('is the name before "__", and none without it', () => {
    expect(fileTopicOf('bodhi.update.comment__FEDORA-2019-46910daf41.json')).toBe(
      'bodhi.update.comment',
    );
    expect(fileTopicOf('plain.json')).toBeUndefined();
    expect(fileTopicOf('__leading.json')).toBeUndefined();
  });
});
