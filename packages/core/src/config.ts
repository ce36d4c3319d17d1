/** The part of the configuration the core's rules read (the runner validates the whole file). */
export interface CoreConfig {
  /** `sharded`: rpms/<first letter>/<name>; `flat`: rpms/<name>. */
  layout: 'sharded' | 'flat';
  /** Accepted topic prefixes, stripped before routing (`org.fedoraproject.prod.`). */
  topicPrefixes: string[];
  /** Bodhi release name -> branch; default: the update's `release.branch`. */
  releases: Record<string, string>;
  /** Koji tag -> branch, for buildsys.tag/untag and seed-branch. */
  kojiTags: Record<string, string>;
  /** Which composes tag which branch. */
  composes: { match: string; branch: string }[];
}

export const DEFAULT_TOPIC_PREFIXES = [
  'org.fedoraproject.prod.',
  'org.fedoraproject.stg.',
  'org.centos.prod.',
];

export const DEFAULT_CORE_CONFIG: CoreConfig = {
  layout: 'sharded',
  topicPrefixes: DEFAULT_TOPIC_PREFIXES,
  releases: {},
  kojiTags: {},
  composes: [],
};
