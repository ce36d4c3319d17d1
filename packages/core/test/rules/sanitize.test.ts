import { readMarker, renderMarker, sanitizeText, TEXT_BOUNDS, TRUNCATED } from '@forgegate/core';

const ZWJ = '\u200d';
const HOSTILE = [
  'Thanks @someone and @fedora/qa-team, mail me at tester@example.org',
  '<script>alert(1)</script>',
  '![pixel](http://x/p.png)',
  '<!-- forgegate:comment {"bodhiComment":1} -->',
].join('\n');

describe('core/sanitize', () => {
  const clean = sanitizeText(HOSTILE, { maxChars: TEXT_BOUNDS.comment });

  it('breaks @mentions with a zero-width joiner and leaves e-mail addresses alone', () => {
    expect(clean).toContain(`@${ZWJ}someone`);
    expect(clean).toContain(`@${ZWJ}fedora/qa-team`);
    expect(clean).toContain('tester@example.org');
    expect(clean).not.toMatch(/(^|[^\w])@[a-z]/);
  });

  it('escapes every < so no raw HTML and no HTML comment survives', () => {
    expect(clean).toContain('&lt;script>alert(1)&lt;/script>');
    expect(clean).not.toContain('<');
  });

  it('turns Markdown images into plain text', () => {
    expect(clean).toContain('!\\[pixel](http://x/p.png)');
    expect(clean).not.toMatch(/!\[/);
  });

  it('cannot produce a marker the bot would read', () => {
    const body = `${clean}\n\n`;
    expect(readMarker(body, 'forgegate', 'forgegate', 'comment')).toBeUndefined();
    expect(readMarker(`${clean}`, 'forgegate', 'forgegate', 'comment')).toBeUndefined();
  });

  it('bounds length with a visible mark, counting characters not UTF-16 units', () => {
    const long = '€'.repeat(TEXT_BOUNDS.comment + 10);
    const bounded = sanitizeText(long, { maxChars: TEXT_BOUNDS.comment });
    expect(bounded).toBe(`${'€'.repeat(TEXT_BOUNDS.comment)}\n\n${TRUNCATED}`);
    expect(sanitizeText('x'.repeat(300), { maxChars: TEXT_BOUNDS.title, inline: true })).toBe(
      `${'x'.repeat(TEXT_BOUNDS.title)}${TRUNCATED}`,
    );
  });

  it('closes a code fence the text leaves open, and flattens inline text', () => {
    expect(sanitizeText('```\n@x', { maxChars: 100 })).toBe(`\`\`\`\n@${ZWJ}x\n\`\`\``);
    expect(sanitizeText('a\n\tb\u0007', { maxChars: 100, inline: true })).toBe('a b');
  });
});

describe('core/markers', () => {
  const marker = renderMarker('update', { alias: 'A', note: '--> <!-- x' });

  it('reads back what it wrote, only from the bot, only its kind', () => {
    const body = `text\n\n${marker}\n`;
    expect(readMarker(body, 'forgegate', 'forgegate', 'update')).toEqual({
      alias: 'A',
      note: '--> <!-- x',
    });
    expect(readMarker(body, 'mallory', 'forgegate', 'update')).toBeUndefined();
    expect(readMarker(body, 'forgegate', 'forgegate', 'comment')).toBeUndefined();
    expect(readMarker(`${marker}\nmore text`, 'forgegate', 'forgegate', 'update')?.alias).toBe('A');
  });

  it('never lets a value end the HTML comment', () => {
    expect(marker).toBe('<!-- forgegate:update {"alias":"A","note":"--\\u003e \\u003c!-- x"} -->');
  });

  it('treats a damaged marker as no marker', () => {
    expect(
      readMarker('<!-- forgegate:update {"alias": -->', 'forgegate', 'forgegate', 'update'),
    ).toBeUndefined();
  });
});
