import type { z } from 'zod';

/**
 * One line naming the first thing wrong in a body, for the dead-letter table and the replay report:
 * `comment.update.alias: expected string, received number`. Only the first issue is reported: one
 * precise field helps more than a list where later entries are consequences of the first.
 */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'does not match its schema';
  return `${formatPath(issue.path)}: ${describeIssue(issue)}`;
}

/** `update.builds[0].nvr`; the body itself is `body`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? 'body' : text;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return `missing (expected ${issue.expected})`;
  }
  if (issue.code === 'invalid_union') {
    // Our unions are alternatives of type (string or number): name them instead of "Invalid input".
    const expected = issue.errors.flatMap((branch) =>
      branch.flatMap((sub) => (sub.code === 'invalid_type' ? [sub.expected] : [])),
    );
    if (expected.length > 0) {
      const received = issue.input === undefined ? 'missing' : `received ${typeName(issue.input)}`;
      return `expected ${expected.join(' or ')}, ${received}`;
    }
  }
  return issue.message.replace(/^Invalid input: /, '');
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
