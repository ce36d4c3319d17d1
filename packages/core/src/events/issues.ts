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

/**
 * zod's own wording ("Invalid input: expected string, received number") minus the preamble, with
 * a missing field said as such. Works from the messages alone, so callers need not pass
 * `reportInput` (which would copy input values into issues).
 */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_union') {
    // Our unions are alternatives of type (a time is a string or a number): name them all.
    const branches = issue.errors.flat().filter((sub) => sub.code === 'invalid_type');
    const first = branches[0];
    if (first !== undefined) {
      const expected = branches.map((sub) => sub.expected).join(' or ');
      return describeType(expected, receivedOf(first.message));
    }
  }
  if (issue.code === 'invalid_type') return describeType(issue.expected, receivedOf(issue.message));
  return issue.message.replace(/^Invalid input: /, '');
}

function describeType(expected: string, received: string | undefined): string {
  if (received === 'undefined') return `missing (expected ${expected})`;
  return received === undefined
    ? `expected ${expected}`
    : `expected ${expected}, received ${received}`;
}

function receivedOf(message: string): string | undefined {
  return /received (\S+)$/.exec(message)?.[1];
}
