export { noEffects, type Effects } from './effects.js';
export { reconcileUpdate } from './update-pull.js';
export { ensureHead, HEAD_ATTEMPTS, type HeadHistory, type HeadPlan } from './head-branch.js';
