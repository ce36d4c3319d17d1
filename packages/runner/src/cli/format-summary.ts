import type { TallySummary } from '../pipeline/tally.js';

/** The replay summary as a person reads it on stderr. */
export function formatSummary(summary: TallySummary): string {
  const lines = [
    `${summary.read} ${summary.read === 1 ? 'message' : 'messages'} read: ${summary.applied} applied, ${summary.ignored} ignored, ${summary.rejected} rejected` +
      (summary.failed > 0 ? `, ${summary.failed} failed` : ''),
    `pull requests: ${summary.pullsOpened} opened, ${summary.pullsMerged} merged, ${summary.pullsClosed} closed` +
      (summary.pullsReopened > 0 ? `, ${summary.pullsReopened} reopened` : ''),
    `comments: ${summary.commentsCreated} created, ${summary.commentsUpdated} updated`,
    `forge write calls: ${summary.writes}`,
  ];
  const reasons = Object.entries(summary.ignoredReasons);
  if (reasons.length > 0) {
    lines.push('ignored because:');
    for (const [reason, count] of reasons) lines.push(`  ${String(count).padStart(5)}  ${reason}`);
  }
  return `${lines.join('\n')}\n`;
}
