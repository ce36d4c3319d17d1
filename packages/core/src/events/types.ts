/**
 * The typed events the core works on. Parsers (./envelope.ts, ./bodhi/) turn the bus's three
 * envelope forms into these; rules (../rules/) turn them into desired forge state.
 *
 * Times are ISO 8601 strings in UTC with millisecond precision (`2019-06-06T12:03:04.000Z`), so
 * they compare correctly as strings.
 */
import type { PipelineEvent } from './pipeline-types.js';

/** One Koji build as an update or a tag carries it. */
export interface Build {
  nvr: string;
  /** 0 when the producer says nothing. */
  epoch: number;
  /** Bodhi's `type`/`content_type`: rpm, container, flatpak, module. */
  type: string;
}

export interface BodhiComment {
  id: number;
  author: string;
  karma: number;
  text: string;
  timestamp: string;
}

export interface BodhiRelease {
  /**
   * Bodhi's release name, e.g. `F41`, `EPEL-9`. Empty in a partial event whose message names the
   * release only by its dist tag (V1 ready-for-testing: `distTag` is then set).
   */
  name: string;
  /** Bodhi's `release.branch` (f41, rawhide, epel9) where the message has it. */
  branch?: string;
  distTag?: string;
  stableTag?: string;
  longName?: string;
}

export interface BugRef {
  id: number;
  title?: string;
}

/**
 * An update as one message knows it. Real messages carry the whole update; trimmed ones (schema
 * examples, eject) leave fields out, and absent fields stay undefined rather than guessed.
 */
export interface UpdateSnapshot {
  alias: string;
  title?: string;
  notes?: string;
  type?: string;
  severity?: string;
  status?: string;
  request?: string | null;
  release: BodhiRelease;
  builds: Build[];
  /** rpm, container, flatpak or module: picks the package file's top folder. */
  contentType: string;
  bugs: BugRef[];
  submitter?: string;
  karma?: number;
  stableKarma?: number | null;
  unstableKarma?: number | null;
  url?: string;
  comments: BodhiComment[];
  dates: {
    submitted?: string;
    modified?: string;
    testing?: string;
    stable?: string;
    pushed?: string;
  };
}

export type BodhiUpdateAction =
  | 'request.testing'
  | 'request.stable'
  | 'request.obsolete'
  | 'request.revoke'
  | 'request.unpush'
  | 'edit'
  | 'comment'
  | 'complete.testing'
  | 'complete.stable'
  | 'ready-for-testing'
  | 'karma.threshold.reach'
  | 'requirements_met.stable'
  | 'eject';

export interface MessageMeta {
  /** The envelope's id / msg_id, or a hash of topic and canonical body (DESIGN.md). */
  id: string;
  /** The topic without its configured prefix, e.g. `bodhi.update.comment`. */
  topic: string;
}

export interface BodhiUpdateEvent extends MessageMeta {
  kind: 'bodhi.update';
  action: BodhiUpdateAction;
  /** Which snapshot is newer: the send time, else the newest of the update's own dates. */
  version: string;
  agent?: string;
  update: UpdateSnapshot;
  /**
   * True when the message carries no update object, only its alias and builds (the V1/V2
   * `koji-build-group.build.complete` forms): it may annotate an existing PR, never create one.
   */
  partial: boolean;
  /** The comment a `comment` message is about. */
  comment?: BodhiComment;
  ejectReason?: string;
  /** Which threshold a `karma.threshold.reach` message says the karma crossed. */
  karmaThreshold?: 'stable' | 'unstable';
  newBuilds?: string[];
  removedBuilds?: string[];
}

/** Every event kind the core knows: Bodhi's, and the pipeline's (./pipeline-types.ts). */
export type ForgegateEvent = BodhiUpdateEvent | PipelineEvent;

/** What one read record became (DESIGN.md "Message identity"). */
export type ParseResult =
  | { outcome: 'event'; event: ForgegateEvent }
  | { outcome: 'ignored'; id: string; topic: string; reason: string }
  | { outcome: 'rejected'; id?: string; topic?: string; reason: string };
