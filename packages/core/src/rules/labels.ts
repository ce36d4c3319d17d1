/**
 * The labels the bot manages on an update's PR: `type/<type>`, `severity/<severity>`,
 * `status/<status>`, `request/<request>` and `ejected`. Only these are ever added or removed;
 * labels people add by hand stay.
 *
 * A group whose field a message does not carry (Bodhi's trimmed messages leave `type` or
 * `severity` out) keeps the labels the PR has in that group, rather than losing them to a message
 * that simply did not say.
 */
import type { UpdateSnapshot } from '../events/types.js';

export const LABEL_GROUPS = ['type', 'severity', 'status', 'request'] as const;
export type LabelGroup = (typeof LABEL_GROUPS)[number];
export const EJECTED_LABEL = 'ejected';

export interface ManagedLabels {
  /** The managed labels the PR should carry. */
  labels: string[];
  /** Groups the snapshot says nothing about: their current labels are kept. */
  unknownGroups: LabelGroup[];
}

/** Each group with its label prefix, built once: labels are sorted into groups per message. */
const GROUP_PREFIXES = LABEL_GROUPS.map((group) => [group, `${group}/`] as const);

function groupOf(label: string): LabelGroup | undefined {
  return GROUP_PREFIXES.find(([, prefix]) => label.startsWith(prefix))?.[0];
}

function isManaged(label: string): boolean {
  return label === EJECTED_LABEL || groupOf(label) !== undefined;
}

/**
 * `unspecified` (Bodhi's default type and severity) says nothing worth a label; a `revoke` request
 * is the absence of a request (DESIGN.md: a revoked request only drops its label).
 */
function valueLabel(group: LabelGroup, value: string | null | undefined): string[] {
  if (!value || value === 'unspecified' || value === 'revoke') return [];
  return [`${group}/${value.toLowerCase()}`];
}

export function managedLabels(update: UpdateSnapshot, ejected: boolean): ManagedLabels {
  const values: Record<LabelGroup, string | null | undefined> = {
    type: update.type,
    severity: update.severity,
    status: update.status,
    request: update.request,
  };
  return {
    labels: [
      ...LABEL_GROUPS.flatMap((group) => valueLabel(group, values[group])),
      ...(ejected ? [EJECTED_LABEL] : []),
    ],
    unknownGroups: LABEL_GROUPS.filter((group) => values[group] === undefined),
  };
}

/** The PR's whole label set: its unmanaged labels, kept groups, and the desired managed ones. */
export function mergeLabels(current: string[], desired: ManagedLabels): string[] {
  const kept = current.filter((label) => {
    const group = groupOf(label);
    return !isManaged(label) || (group !== undefined && desired.unknownGroups.includes(group));
  });
  return [...new Set([...kept, ...desired.labels])].sort();
}

/** The same set of labels (order and repeats aside); a PR has a handful, so no sorting. */
export function sameLabels(a: string[], b: string[]): boolean {
  return a.every((label) => b.includes(label)) && b.every((label) => a.includes(label));
}
