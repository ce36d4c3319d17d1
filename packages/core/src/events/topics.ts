/**
 * Topics: stripping the configured bus prefixes, and which topics forgegate maps to forge state.
 */

/** The topic without the first configured prefix it starts with, or undefined when none matches. */
export function stripPrefix(topic: string, prefixes: readonly string[]): string | undefined {
  for (const prefix of prefixes) {
    if (topic.startsWith(prefix) && topic.length > prefix.length) return topic.slice(prefix.length);
  }
  return undefined;
}

/**
 * Bodhi topics that are known but change no forge object yet. They are ignored with a reason (not
 * rejected, and not "unknown"), so an operator reading the counts sees they were understood.
 * Composes, overrides and errata get their mappings in later issues.
 */
const UNMAPPED_BODHI_TOPICS = new Set([
  'bodhi.buildroot_override.tag',
  'bodhi.buildroot_override.untag',
  'bodhi.compose.start',
  'bodhi.compose.composing',
  'bodhi.compose.sync.wait',
  'bodhi.compose.sync.done',
  'bodhi.compose.complete',
  'bodhi.composer.start',
  'bodhi.errata.publish',
  'bodhi.repo.done',
]);

export function isUnmappedBodhiTopic(topic: string): boolean {
  return UNMAPPED_BODHI_TOPICS.has(topic);
}
