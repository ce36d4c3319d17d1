import type { z } from 'zod';

// YAML's words for the shapes a user writes.
const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
};

/** One zod issue as the line a user reads: `forge.type: expected one of git|forgejo|gitlab|github`. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.map(String).join('.');
  switch (issue.code) {
    case 'unrecognized_keys':
      // zod reports unknown keys on their parent; name each key itself.
      return issue.keys.map((key) => `${where ? `${where}.` : ''}${key}: unknown key`).join('; ');
    case 'invalid_value':
      return `${where}: expected one of ${issue.values.map(String).join('|')}`;
    case 'invalid_type':
      return `${where || '(top level)'}: expected ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    default:
      return `${where || '(top level)'}: ${issue.message}`;
  }
}
