/**
 * RPM's version ordering (rpmvercmp from rpm's `rpmio/rpmvercmp.c`, with `~` sorting before
 * anything and `^` after the base version), for deciding whether a Koji tag event brings a newer
 * build than the one a branch holds. No maintained npm package implements it; this follows rpm's
 * C function step by step.
 */

const ALNUM = /[A-Za-z0-9]/;
const DIGITS = /^[0-9]+/;
const LETTERS = /^[A-Za-z]+/;

/** -1, 0 or 1 as `a` is older than, equal to or newer than `b`. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let one = a;
  let two = b;
  while (one !== '' || two !== '') {
    one = skipSeparators(one);
    two = skipSeparators(two);
    if (one.startsWith('~') || two.startsWith('~')) {
      if (!one.startsWith('~')) return 1;
      if (!two.startsWith('~')) return -1;
      one = one.slice(1);
      two = two.slice(1);
      continue;
    }
    if (one.startsWith('^') || two.startsWith('^')) {
      if (one === '') return -1;
      if (two === '') return 1;
      if (!one.startsWith('^')) return 1;
      if (!two.startsWith('^')) return -1;
      one = one.slice(1);
      two = two.slice(1);
      continue;
    }
    if (one === '' || two === '') break;
    const numeric = /^[0-9]/.test(one);
    const pattern = numeric ? DIGITS : LETTERS;
    const segmentOne = pattern.exec(one)?.[0] ?? '';
    const segmentTwo = pattern.exec(two)?.[0] ?? '';
    // A numeric segment is newer than an alphabetic one.
    if (segmentTwo === '') return numeric ? 1 : -1;
    const order = numeric
      ? compareNumbers(segmentOne, segmentTwo)
      : compareStrings(segmentOne, segmentTwo);
    if (order !== 0) return order;
    one = one.slice(segmentOne.length);
    two = two.slice(segmentTwo.length);
  }
  if (one === '' && two === '') return 0;
  return one === '' ? -1 : 1;
}

function skipSeparators(text: string): string {
  let index = 0;
  while (
    index < text.length &&
    !ALNUM.test(text[index] as string) &&
    text[index] !== '~' &&
    text[index] !== '^'
  ) {
    index += 1;
  }
  return text.slice(index);
}

function compareNumbers(a: string, b: string): number {
  const one = a.replace(/^0+/, '');
  const two = b.replace(/^0+/, '');
  if (one.length !== two.length) return one.length > two.length ? 1 : -1;
  return compareStrings(one, two);
}

function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a > b ? 1 : -1;
}

/** Compares two NVRs of one package by version, then release (Koji tag messages carry no epoch). */
export function compareNvrVersions(a: string, b: string): number {
  const [versionA, releaseA] = versionRelease(a);
  const [versionB, releaseB] = versionRelease(b);
  return rpmvercmp(versionA, versionB) || rpmvercmp(releaseA, releaseB);
}

function versionRelease(nvr: string): [string, string] {
  const fields = nvr.split('-');
  return [fields.at(-2) ?? '', fields.at(-1) ?? ''];
}
