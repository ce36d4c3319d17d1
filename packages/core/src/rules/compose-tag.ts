/**
 * A finished compose as a git tag `<compose id>` on the tip of its release's branch. Which branch:
 * the first `composes[].match` (a regular expression) that the compose id matches. Compose ids
 * start with `<release_short>-<release_version>` in every message form (2015's three fields and
 * today's), so the id alone says the release; `release_short`/`release_version`, when present,
 * only go into the tag's message.
 */
import type { CoreConfig } from '../config.js';
import type { ComposeStatusEvent } from '../events/pipeline-types.js';
import { TEXT_BOUNDS, sanitizeText } from '../sanitize.js';

/** Pungi's statuses that mean the compose exists and can be used. */
const TAGGED_STATUSES = new Set(['FINISHED', 'FINISHED_INCOMPLETE']);

/** Git's ref-name rules, and the characters Pungi's ids use. */
const SAFE_TAG = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

export type ComposeTagPlan = { tag: string; branch: string; message: string } | { ignored: string };

export function composeTagPlan(event: ComposeStatusEvent, config: CoreConfig): ComposeTagPlan {
  if (!TAGGED_STATUSES.has(event.status)) {
    return {
      ignored: `compose ${event.status}: only FINISHED and FINISHED_INCOMPLETE composes are tagged`,
    };
  }
  if (
    !SAFE_TAG.test(event.composeId) ||
    event.composeId.includes('..') ||
    event.composeId.endsWith('.lock')
  ) {
    return {
      ignored: `compose id ${JSON.stringify(event.composeId.slice(0, 100))} cannot name a git tag`,
    };
  }
  const branch = config.composes.find((entry) =>
    new RegExp(entry.match).test(event.composeId),
  )?.branch;
  if (branch === undefined)
    return { ignored: `compose ${event.composeId} matches no configured release` };
  return { tag: event.composeId, branch, message: composeTagMessage(event) };
}

function composeTagMessage(event: ComposeStatusEvent): string {
  const text = (value: string) =>
    sanitizeText(value, { maxChars: TEXT_BOUNDS.title, inline: true });
  const lines = [
    `Compose ${event.composeId}`,
    '',
    `Label: ${event.label ? text(event.label) : '(none)'}`,
    `Status: ${event.status}`,
    `Location: ${event.location ? text(event.location) : '(unknown)'}`,
  ];
  if (event.release) lines.push(`Release: ${text(event.release)}`);
  return `${lines.join('\n')}\n`;
}
