/**
 * Brings a PR's conversation to what the rules want: each Bodhi comment mirrored exactly once
 * (created when missing, edited in place when its text differs), each notice posted once. One
 * listComments read; comments by anyone but the bot are never touched nor trusted.
 */
import type { ForgePort, Comment } from '../port.js';
import type { Notice } from '../rules/desired-update.js';
import { commentMarkers } from '../rules/comments.js';
import type { Effects } from './effects.js';
import { sameText } from './same-text.js';

export interface ConversationPlan {
  mirrors: { id: number; body: string }[];
  notices: Notice[];
}

export async function syncComments(
  port: ForgePort,
  pull: number,
  plan: ConversationPlan,
  botLogin: string,
  effects: Effects,
): Promise<void> {
  const existing = await port.listComments(pull);
  const mirrored = new Map<number, Comment>();
  const announced = new Set<string>();
  for (const comment of existing) {
    const { bodhiComment: id, notice: key } = commentMarkers(comment, botLogin);
    // The first mirror wins; a later copy (if a forge ever duplicated one) is left alone.
    if (id !== undefined && !mirrored.has(id)) mirrored.set(id, comment);
    if (key !== undefined) announced.add(key);
  }
  for (const mirror of plan.mirrors) {
    const found = mirrored.get(mirror.id);
    if (!found) {
      await port.createComment(pull, mirror.body);
      effects.commentsCreated += 1;
    } else if (!sameText(found.body, mirror.body)) {
      await port.updateComment(found.id, mirror.body);
      effects.commentsUpdated += 1;
    }
  }
  for (const notice of plan.notices) {
    if (announced.has(notice.key)) continue;
    await port.createComment(pull, notice.body);
    effects.commentsCreated += 1;
  }
}
