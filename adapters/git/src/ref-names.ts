import { ForgeError } from '@forgegate/core';

/**
 * Whether `name` is a branch or tag name git accepts (git-check-ref-format's rules), checked here
 * so that no name can reach a git command line as an option or escape `refs/heads/`.
 */
export function isValidRefName(name: string): boolean {
  if (name === '' || name.startsWith('-') || name.startsWith('/') || name.endsWith('/'))
    return false;
  if (name.endsWith('.') || name.endsWith('.lock') || name === '@') return false;
  if (name.includes('..') || name.includes('//') || name.includes('@{') || name.includes('/.'))
    return false;
  if (name.startsWith('.')) return false;
  return ![...name].some((char) => char <= ' ' || char === '\x7f' || '~^:?*[\\'.includes(char));
}

function checked(kind: string, name: string): string {
  if (!isValidRefName(name))
    throw new ForgeError('permanent', `invalid ${kind} name ${JSON.stringify(name)}`);
  return name;
}

export function branchRef(name: string): string {
  return `refs/heads/${checked('branch', name)}`;
}

export function tagRef(name: string): string {
  return `refs/tags/${checked('tag', name)}`;
}

/** A file path inside the repository: relative, no empty, `.` or `..` segment, no control character. */
export function checkedPath(path: string): string {
  const segments = path.split('/');
  if (
    [...path].some((char) => char < ' ') ||
    segments.some((s) => s === '' || s === '.' || s === '..' || s === '.git')
  ) {
    throw new ForgeError('permanent', `invalid file path ${JSON.stringify(path)}`);
  }
  return path;
}
