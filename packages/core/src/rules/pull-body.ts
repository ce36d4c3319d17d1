/**
 * The PR title and body a packager reads: what the update is, its state, notes, builds, bugs and
 * karma, with links to Bodhi and Bugzilla. Every piece of Bodhi text goes through sanitizeText;
 * the body ends with the update memory marker (./update-memory.ts).
 */
import type { Build, UpdateSnapshot } from '../events/types.js';
import { renderMarker } from '../markers.js';
import { TEXT_BOUNDS, sanitizeText } from '../sanitize.js';
import type { UpdateMemory } from './update-memory.js';

/** Bugs listed in the body; the rest are counted (one real update lists ~250, 100 KB of titles). */
export const MAX_LISTED_BUGS = 50;

const BUGZILLA = 'https://bugzilla.redhat.com/show_bug.cgi?id=';
const SAFE_URL = /^https:\/\/[^\s()<>[\]"'`]+$/;

function inline(text: string, maxChars: number = TEXT_BOUNDS.name): string {
  return sanitizeText(text, { maxChars, inline: true });
}

export function signed(karma: number): string {
  return karma > 0 ? `+${karma}` : String(karma);
}

/** `<alias>: <update title>`; Bodhi's title is the builds' NVRs unless the packager named it. */
export function pullTitle(update: UpdateSnapshot): string {
  const title = update.title?.trim() || update.builds.map((build) => build.nvr).join(' ');
  return `${update.alias}: ${inline(title, TEXT_BOUNDS.title)}`;
}

/** Bodhi's own page for the update: its `url` when it is a plain https URL. */
export function updateUrl(update: UpdateSnapshot): string {
  return update.url && SAFE_URL.test(update.url)
    ? update.url
    : `https://bodhi.fedoraproject.org/updates/${update.alias}`;
}

function karmaLine(update: UpdateSnapshot): string | undefined {
  if (update.karma === undefined) return undefined;
  const thresholds = [
    typeof update.stableKarma === 'number' ? `stable at ${signed(update.stableKarma)}` : undefined,
    typeof update.unstableKarma === 'number'
      ? `unstable at ${signed(update.unstableKarma)}`
      : undefined,
  ].filter((part) => part !== undefined);
  const suffix = thresholds.length > 0 ? ` (${thresholds.join(', ')})` : '';
  return `- **Karma:** ${signed(update.karma)}${suffix}`;
}

function factLines(update: UpdateSnapshot): string[] {
  const facts: [string, string | null | undefined][] = [
    ['Type', update.type],
    ['Severity', update.severity],
    ['Status', update.status],
    ['Request', update.request],
  ];
  const lines = facts
    .filter((fact): fact is [string, string] => typeof fact[1] === 'string' && fact[1] !== '')
    .map(([name, value]) => `- **${name}:** ${inline(value)}`);
  const karma = karmaLine(update);
  return karma ? [...lines, karma] : lines;
}

function bugLines(update: UpdateSnapshot): string[] {
  const listed = update.bugs.slice(0, MAX_LISTED_BUGS).map((bug) => {
    const title = bug.title ? ` ${inline(bug.title, TEXT_BOUNDS.bugTitle)}` : '';
    return `- [#${bug.id}](${BUGZILLA}${bug.id})${title}`;
  });
  const more = update.bugs.length - listed.length;
  return more > 0 ? [...listed, `- … and ${more} more on the update's page`] : listed;
}

export interface BodyInput {
  update: UpdateSnapshot;
  /** Each build with the package file path it sets. */
  files: { build: Build; path: string }[];
  memory: UpdateMemory;
}

export function pullBody({ update, files, memory }: BodyInput): string {
  const release = inline(update.release.longName ?? update.release.name);
  const submitter = update.submitter ? ` · submitted by **${inline(update.submitter)}**` : '';
  const sections: string[] = [
    `**Bodhi update [${update.alias}](${updateUrl(update)})** · ${release}${submitter}`,
  ];
  const facts = factLines(update);
  if (facts.length > 0) sections.push(facts.join('\n'));
  if (memory.ejected !== undefined) {
    sections.push(`> **Ejected from the push:** ${inline(memory.ejected, TEXT_BOUNDS.reason)}`);
  }
  if (update.notes?.trim()) {
    sections.push(
      `### Notes\n\n${sanitizeText(update.notes.trim(), { maxChars: TEXT_BOUNDS.notes })}`,
    );
  }
  sections.push(
    `### Builds\n\n${files.map(({ build, path }) => `- \`${build.nvr}\` → \`${path}\``).join('\n')}`,
  );
  const bugs = bugLines(update);
  if (bugs.length > 0) sections.push(`### Bugs\n\n${bugs.join('\n')}`);
  sections.push(renderMarker('update', { ...memory }));
  return `${sections.join('\n\n')}\n`;
}
