#!/usr/bin/env node
/**
 * Writes fedora-week.jsonl: one week of Fedora's Bodhi traffic (2025-06-02 to 2025-06-08), the
 * demo that `pnpm demo` replays. The data is the project's own (packages, people, notes and ids
 * are made up here), shaped like the real messages: fedora-messaging envelopes
 * `{id, topic, headers: {"sent-at": ...}, body}` whose bodies carry Bodhi's whole update object as
 * Bodhi 8 serialises it (the same keys as the update objects Bodhi's API returned in 2023).
 *
 * Deterministic: a seeded generator makes every id, so running it again gives the same bytes.
 *   node packages/runner/demo/generate.mjs > packages/runner/demo/fedora-week.jsonl
 */
import { createHash } from 'node:crypto';
import process from 'node:process';

// ---------------------------------------------------------------------------------------------
// Deterministic randomness (mulberry32): ids and aliases only; the story itself is written out.

let seed = 0x5eed2025;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const hex = (length) =>
  Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
const uuid = () =>
  `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`;

// ---------------------------------------------------------------------------------------------
// Releases, as Bodhi's /releases/ describes them (the fields an update's `release` carries).

function fedoraRelease(version, { branch, state, eol, stableTag }) {
  return {
    branch,
    candidate_tag: `f${version}-updates-candidate`,
    composed_by_bodhi: branch !== 'rawhide',
    create_automatic_updates: branch === 'rawhide',
    dist_tag: `f${version}`,
    eol,
    id_prefix: 'FEDORA',
    long_name: `Fedora ${version}`,
    mail_template: 'fedora_errata_template',
    name: `F${version}`,
    override_tag: `f${version}-override`,
    package_manager: branch === 'rawhide' ? 'unspecified' : 'dnf',
    pending_signing_tag: `f${version}-signing-pending`,
    pending_stable_tag: `f${version}-updates-pending`,
    pending_testing_tag: `f${version}-updates-testing-pending`,
    stable_tag: stableTag,
    state,
    testing_repository: branch === 'rawhide' ? null : 'updates-testing',
    testing_tag: `f${version}-updates-testing`,
    version: String(version),
  };
}

const RELEASES = {
  f41: fedoraRelease(41, { branch: 'f41', state: 'current', eol: '2025-12-15', stableTag: 'f41-updates' }),
  f42: fedoraRelease(42, { branch: 'f42', state: 'current', eol: '2026-05-13', stableTag: 'f42-updates' }),
  rawhide: fedoraRelease(43, { branch: 'rawhide', state: 'pending', eol: null, stableTag: 'f43' }),
  epel9: {
    branch: 'epel9',
    candidate_tag: 'epel9-testing-candidate',
    composed_by_bodhi: true,
    create_automatic_updates: false,
    dist_tag: 'epel9',
    eol: null,
    id_prefix: 'FEDORA-EPEL',
    long_name: 'Fedora EPEL 9',
    mail_template: 'fedora_epel_legacy_errata_template',
    name: 'EPEL-9',
    override_tag: 'epel9-override',
    package_manager: 'unspecified',
    pending_signing_tag: 'epel9-signing-pending',
    pending_stable_tag: 'epel9-pending',
    pending_testing_tag: 'epel9-testing-pending',
    stable_tag: 'epel9',
    state: 'current',
    testing_repository: null,
    testing_tag: 'epel9-testing',
    version: '9',
  },
};
const RELEASE_IDS = { f41: 74, f42: 81, rawhide: 88, epel9: 61 };

// ---------------------------------------------------------------------------------------------
// People. Bodhi's own account writes the system comments.

let nextUserId = 4100;
const users = new Map();
function user(name, groups = ['packager']) {
  if (!users.has(name)) {
    users.set(name, {
      avatar: `https://seccdn.libravatar.org/avatar/${sha256(`${name}@fedoraproject.org`)}?s=24&d=retro`,
      email: null,
      groups: groups.map((group) => ({ name: group })),
      id: nextUserId++,
      name,
      openid: `${name}.id.fedoraproject.org`,
    });
  }
  return users.get(name);
}
const BODHI = {
  avatar: 'https://apps.fedoraproject.org/img/icons/bodhi-24.png',
  email: null,
  groups: [],
  id: 91,
  name: 'bodhi',
  openid: 'bodhi.id.fedoraproject.org',
};

// ---------------------------------------------------------------------------------------------
// Time: the week starts Monday 2025-06-02 00:00 UTC; `at(day, "hh:mm")` is a time in it.

const WEEK = Date.UTC(2025, 5, 2);
function at(day, clock) {
  const [hours, minutes] = clock.split(':').map(Number);
  return WEEK + ((day * 24 + hours) * 60 + minutes) * 60_000;
}
const bodhiTime = (ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const sentAt = (ms) => new Date(ms).toISOString().replace('.000Z', '+00:00');

// ---------------------------------------------------------------------------------------------
// One Bodhi update and the messages its life sends.

const messages = [];
const commentTimes = [];
let nextCommentId = 3_960_000;
let nextUpdateId = 681_000;
let nextBuildId = 2_730_000;
let nextTaskId = 133_400_000;
let nextBugId = 2_368_000;

function sha256(text) {
  return createHash('sha256').update(text).digest('hex');
}

function packageName(nvr) {
  return nvr.split('-').slice(0, -2).join('-');
}

/** Bodhi's title: one build's NVR, "a and b", or "a, b, and N more". */
function titleOf(builds) {
  const nvrs = builds.map((build) => build.nvr);
  if (nvrs.length === 1) return nvrs[0];
  if (nvrs.length === 2) return `${nvrs[0]} and ${nvrs[1]}`;
  return `${nvrs[0]}, ${nvrs[1]}, and ${nvrs.length - 2} more`;
}

class Update {
  constructor(options) {
    const release = RELEASES[options.release];
    this.releaseKey = options.release;
    this.submitter = user(options.submitter);
    this.alias = `${release.id_prefix}-2025-${hex(10)}`;
    this.id = nextUpdateId++;
    this.object = {
      alias: this.alias,
      autokarma: options.autokarma ?? true,
      autotime: options.autotime ?? true,
      bugs: (options.bugs ?? []).map(([title, security]) => ({
        bug_id: nextBugId++,
        feedback: [],
        parent: false,
        security: security === true,
        title,
      })),
      builds: [],
      close_bugs: true,
      comments: [],
      compose: null,
      content_type: 'rpm',
      critpath: options.critpath ?? false,
      critpath_groups: options.critpath ? 'core critical-path-base critical-path-standard' : '',
      date_approved: null,
      date_modified: null,
      date_pushed: null,
      date_stable: null,
      date_submitted: null,
      date_testing: null,
      display_name: options.displayName ?? '',
      from_tag: null,
      karma: 0,
      locked: false,
      meets_testing_requirements: false,
      notes: options.notes,
      pushed: false,
      release,
      request: null,
      require_bugs: false,
      require_testcases: true,
      requirements: '',
      severity: options.severity ?? 'unspecified',
      stable_days: release.branch === 'rawhide' ? 0 : options.critpath ? 14 : 7,
      stable_karma: options.stableKarma ?? 3,
      status: 'pending',
      suggest: options.suggest ?? 'unspecified',
      test_cases: [],
      test_gating_status: 'waiting',
      title: '',
      type: options.type ?? 'bugfix',
      unstable_karma: -3,
      updateid: this.alias,
      url: `https://bodhi.fedoraproject.org/updates/${this.alias}`,
      user: this.submitter,
      version_hash: '',
    };
    this.setBuilds(options.builds);
  }

  setBuilds(nvrs) {
    this.object.builds = nvrs.map((entry) => {
      const [nvr, epoch] = Array.isArray(entry) ? entry : [entry, 0];
      return { epoch, nvr, release_id: RELEASE_IDS[this.releaseKey], signed: true, type: 'rpm' };
    });
    this.object.title = titleOf(this.object.builds);
    this.object.version_hash = createHash('sha1')
      .update(this.object.builds.map((build) => build.nvr).sort().join(' '))
      .digest('hex');
  }

  /** A comment on the update; Bodhi's own comments send no message of their own. */
  addComment(time, author, text, karma = 0) {
    const comment = {
      bug_feedback: [],
      id: nextCommentId++,
      karma,
      karma_critpath: 0,
      testcase_feedback: [],
      text,
      timestamp: bodhiTime(time),
      update_id: this.id,
      user: author,
      user_id: author.id,
    };
    this.object.comments.push(comment);
    commentTimes.push([comment.id, time]);
    // Bodhi's karma: the sum of each person's latest vote.
    const votes = new Map();
    for (const { user: voter, karma: vote } of this.object.comments) {
      if (voter.name !== 'bodhi') votes.set(voter.name, vote);
    }
    this.object.karma = [...votes.values()].reduce((sum, vote) => sum + vote, 0);
    return comment;
  }

  snapshot() {
    return JSON.parse(JSON.stringify(this.object));
  }

  send(time, action, body) {
    const topic = `bodhi.update.${action}`;
    const headers = {
      fedora_messaging_schema: SCHEMA_NAMES[action] ?? `${topic}.v1`,
      fedora_messaging_severity: 20,
      priority: 0,
      'sent-at': sentAt(time),
    };
    for (const build of this.object.builds) {
      headers[`fedora_messaging_rpm_${packageName(build.nvr)}`] = true;
    }
    headers[`fedora_messaging_user_${this.submitter.name}`] = true;
    messages.push({
      time,
      envelope: { id: uuid(), topic: `org.fedoraproject.prod.${topic}`, headers, body },
    });
  }

  // --- what happens to an update, each step as Bodhi does it ---

  submit(time) {
    Object.assign(this.object, {
      date_submitted: bodhiTime(time),
      status: 'pending',
      request: 'testing',
    });
    this.addComment(time, BODHI, `This update has been submitted for testing by ${this.submitter.name}. `);
    this.send(time, 'request.testing', { agent: this.submitter.name, update: this.snapshot() });
    return this;
  }

  /** Bodhi 8's "ready for testing": the builds are signed and in the testing tag; CI starts. */
  readyForTesting(time) {
    this.send(time, 'status.testing.koji-build-group.build.complete', {
      agent: 'bodhi',
      artifact: {
        builds: this.object.builds.map((build) => ({
          component: packageName(build.nvr),
          id: nextBuildId++,
          issuer: this.submitter.name,
          nvr: build.nvr,
          scratch: false,
          task_id: nextTaskId++,
          type: 'koji-build',
        })),
        id: `${this.alias}-${this.object.version_hash}`,
        release: this.object.release.dist_tag,
        repository: this.object.url,
        type: 'koji-build-group',
      },
      're-trigger': false,
      update: this.snapshot(),
    });
    return this;
  }

  gating(time, result) {
    this.object.test_gating_status = result;
    this.addComment(time, BODHI, `This update's test gating status has been changed to '${result}'.`);
    return this;
  }

  pushTesting(time) {
    Object.assign(this.object, {
      date_pushed: bodhiTime(time),
      date_testing: bodhiTime(time),
      pushed: true,
      request: null,
      status: 'testing',
    });
    this.addComment(time, BODHI, 'This update has been pushed to testing.');
    this.send(time, 'complete.testing', { agent: 'bodhi', update: this.snapshot() });
    return this;
  }

  comment(time, name, text, karma = 0) {
    const author = user(name, ['fedora-contributor']);
    const comment = this.addComment(time, author, text, karma);
    // A comment's own `update` is the update without its comment list, as Bodhi serialises it.
    const update = this.snapshot();
    delete update.comments;
    this.send(time, 'comment', {
      agent: name,
      comment: { ...JSON.parse(JSON.stringify(comment)), update, update_alias: this.alias },
    });
    // autokarma: reaching the stable threshold requests stable by itself.
    if (
      this.object.autokarma &&
      this.object.request === null &&
      this.object.status === 'testing' &&
      this.object.karma >= this.object.stable_karma
    ) {
      this.object.meets_testing_requirements = true;
      this.send(time + 1000, 'karma.threshold.reach', { status: 'stable', update: this.snapshot() });
      this.requestStable(time + 2000, 'bodhi');
    }
    return this;
  }

  requirementsMet(time) {
    this.object.meets_testing_requirements = true;
    this.addComment(
      time,
      BODHI,
      `This update has reached ${this.object.stable_days} days in testing and can be pushed to stable now if the maintainer wishes`,
    );
    this.send(time, 'requirements_met.stable', { update: this.snapshot() });
    return this;
  }

  requestStable(time, agent = this.submitter.name) {
    this.object.request = 'stable';
    this.object.date_approved = bodhiTime(time);
    this.addComment(time, BODHI, `This update has been submitted for stable by ${agent}. `);
    this.send(time, 'request.stable', { agent, update: this.snapshot() });
    return this;
  }

  revoke(time, agent = this.submitter.name) {
    this.object.request = null;
    this.object.date_approved = null;
    this.addComment(time, BODHI, `This update's request was revoked by ${agent}.`);
    this.send(time, 'request.revoke', { agent, update: this.snapshot() });
    return this;
  }

  pushStable(time) {
    Object.assign(this.object, {
      date_pushed: bodhiTime(time),
      date_stable: bodhiTime(time),
      pushed: true,
      request: null,
      status: 'stable',
    });
    this.addComment(time, BODHI, 'This update has been pushed to stable.');
    this.send(time, 'complete.stable', { agent: 'bodhi', update: this.snapshot() });
    return this;
  }

  /** A newer update of the same package replaces this one. */
  obsoleteBy(time, newer) {
    Object.assign(this.object, { request: null, status: 'obsolete' });
    this.addComment(
      time,
      BODHI,
      `This update has been obsoleted by [${newer.object.title}](${newer.object.url}).`,
    );
    this.send(time, 'request.obsolete', { agent: newer.submitter.name, update: this.snapshot() });
    return this;
  }

  edit(time, { add = [], notes }) {
    const before = this.object.builds.map((build) => build.nvr);
    this.setBuilds([...before, ...add]);
    this.object.date_modified = bodhiTime(time);
    if (notes) this.object.notes = notes;
    this.addComment(
      time,
      BODHI,
      `${this.submitter.name} edited this update. \n\nNew build(s): \n\n${add.map((nvr) => `- ${nvr}`).join(' \n')}`,
    );
    this.send(time, 'edit', {
      agent: this.submitter.name,
      new_bugs: [],
      new_builds: add,
      removed_builds: [],
      update: this.snapshot(),
    });
    return this;
  }
}

// Where fedora-messaging's schema name differs from `<topic>.v1`.
const SCHEMA_NAMES = {
  edit: 'bodhi.update.edit.v2',
  'status.testing.koji-build-group.build.complete': 'bodhi.update.status.testing.v3',
  'karma.threshold.reach': 'bodhi.update.karma.threshold.v1',
};

/** The usual path of a Fedora update into updates-testing. */
function intoTesting(update, day, clock, { gating = 'passed' } = {}) {
  const submitted = at(day, clock);
  update.submit(submitted);
  update.readyForTesting(submitted + 4 * 60_000);
  update.gating(submitted + 5 * 60_000, 'waiting');
  // The nightly updates-testing push comes after the next midnight compose starts.
  const pushed = at(day + 1, '02:15') + Math.floor(random() * 40) * 60_000;
  update.pushTesting(pushed);
  update.gating(pushed + 20 * 60_000, gating);
  return update;
}

/** A Rawhide build: Bodhi creates the update from the Koji tag and pushes it once gating passes. */
function rawhideUpdate(day, clock, options) {
  const update = new Update({ ...options, release: 'rawhide', autokarma: false, stableKarma: 0 });
  const created = at(day, clock);
  Object.assign(update.object, {
    date_submitted: bodhiTime(created),
    date_testing: bodhiTime(created + 4000),
    status: 'testing',
  });
  update.addComment(created, BODHI, 'This update was automatically created');
  update.gating(created + 4000, 'waiting');
  update.readyForTesting(created + 5000);
  if (options.gating === 'failed') {
    update.gating(created + 47 * 60_000, 'failed');
    return update;
  }
  update.gating(created + 52 * 60_000, 'passed');
  update.object.request = 'stable';
  update.addComment(created + 53 * 60_000, BODHI, 'This update has been submitted for stable by bodhi');
  update.pushStable(created + 58 * 60_000);
  return update;
}

const changelog = (date, who, nvr, lines) =>
  `Automatic update for ${nvr}.\n\n##### **Changelog**\n\n\`\`\`\n* ${date} ${who} - ${nvr.split('-').slice(-2).join('-').replace(/\.fc\d+$/, '')}\n${lines.map((line) => `- ${line}`).join('\n')}\n\n\`\`\``;

// ---------------------------------------------------------------------------------------------
// The week.

// Fedora 42: the busiest release.
const firefox = intoTesting(
  new Update({
    release: 'f42',
    submitter: 'mstransky',
    builds: ['firefox-139.0.1-1.fc42'],
    type: 'security',
    severity: 'high',
    notes: 'Update to Firefox 139.0.1. Fixes CVE-2025-5263, CVE-2025-5264 and CVE-2025-5266.',
    bugs: [
      ['CVE-2025-5263 firefox: Error handling for script execution was incorrectly isolated from web content [fedora-42]', true],
      ['CVE-2025-5264 firefox: Potential local code execution in "Copy as cURL" command [fedora-42]', true],
    ],
    stableKarma: 2,
  }),
  0,
  '08:12',
);
firefox
  .comment(at(1, '09:40'), 'lnovak', 'Works fine on Wayland with two monitors, video playback OK.', 1)
  .comment(at(1, '13:05'), 'pkarlsson', 'No regressions in a day of use. Thanks!', 1);
firefox.pushStable(at(2, '01:50'));

const kernel = intoTesting(
  new Update({
    release: 'f42',
    submitter: 'jforbes',
    builds: ['kernel-6.14.9-300.fc42'],
    type: 'bugfix',
    severity: 'medium',
    critpath: true,
    notes: 'The 6.14.9 stable kernel update contains a number of important fixes across the tree.',
    bugs: [['Suspend to RAM fails on AMD Ryzen 7040 laptops after 6.14.8 [fedora-42]']],
    stableKarma: 3,
  }),
  0,
  '15:30',
);
kernel
  .comment(at(1, '18:22'), 'rtrevino', 'Boots and suspends fine on a Framework 13 (AMD).', 1)
  .comment(at(2, '07:48'), 'lnovak', 'No problems on my desktop with an Nvidia card (akmod rebuilt fine).', 1)
  .comment(at(2, '21:10'), 'ahmedk', 'Thanks @jforbes: <b>suspend</b> works again on my ThinkPad T14s.', 1);
kernel.pushStable(at(3, '01:35'));

const curl = intoTesting(
  new Update({
    release: 'f42',
    submitter: 'jstanek',
    builds: ['curl-8.11.1-5.fc42'],
    type: 'security',
    severity: 'medium',
    critpath: true,
    notes: 'Fix CVE-2025-4947: QUIC certificate check skip with wolfSSL.',
    bugs: [['CVE-2025-4947 curl: QUIC certificate check skip with wolfSSL [fedora-42]', true]],
  }),
  0,
  '10:02',
);
curl.comment(at(2, '11:30'), 'pkarlsson', 'dnf, git and flatpak all still download fine.', 1);

// One update, three builds: a GNOME point release; a fourth build is added on Wednesday.
const gnome = intoTesting(
  new Update({
    release: 'f42',
    submitter: 'fmuellner',
    builds: ['gnome-shell-48.2-1.fc42', 'mutter-48.3-1.fc42', 'gnome-control-center-48.2-1.fc42'],
    type: 'bugfix',
    severity: 'low',
    critpath: true,
    displayName: 'GNOME 48.2',
    notes:
      'GNOME 48.2 bugfix release.\n\n- Fix a crash when unplugging an external monitor while the overview is open\n- Fix keyboard layout switching in the lock screen\n- Translation updates',
    bugs: [['gnome-shell crashes when unplugging a monitor with the overview open [fedora-42]']],
    stableKarma: 3,
  }),
  1,
  '09:00',
);
gnome.comment(at(1, '16:45'), 'rtrevino', 'Monitor hotplug works without crashing now.', 1);
gnome.edit(at(2, '10:20'), {
  add: ['gnome-settings-daemon-48.1-1.fc42'],
  notes:
    'GNOME 48.2 bugfix release.\n\n- Fix a crash when unplugging an external monitor while the overview is open\n- Fix keyboard layout switching in the lock screen\n- gnome-settings-daemon: fix night light not turning off at sunrise\n- Translation updates',
});
gnome.readyForTesting(at(2, '10:25'));
gnome
  .comment(at(3, '08:15'), 'lnovak', 'Night light turns off in the morning again. +1', 1)
  .comment(at(3, '19:02'), 'ahmedk', 'All fine on two machines.', 1);
gnome.pushStable(at(4, '02:05'));

// An obsolete: python-urllib3 2.4.0 is replaced by 2.4.1 two days later.
const urllib3old = intoTesting(
  new Update({
    release: 'f42',
    submitter: 'tkopecek',
    builds: ['python-urllib3-2.4.0-1.fc42'],
    type: 'enhancement',
    notes: 'Update to 2.4.0.',
  }),
  0,
  '13:20',
);
urllib3old.comment(at(1, '10:00'), 'pkarlsson', 'pip and requests work.', 1);
const urllib3 = intoTesting(
  new Update({
    release: 'f42',
    submitter: 'tkopecek',
    builds: ['python-urllib3-2.4.1-1.fc42'],
    type: 'bugfix',
    notes: 'Update to 2.4.1: fixes a regression in proxy handling introduced in 2.4.0.',
    bugs: [['python-urllib3 2.4.0 breaks HTTPS proxies with authentication [fedora-42]']],
  }),
  2,
  '09:30',
);
urllib3old.obsoleteBy(at(2, '09:31'), urllib3);

// A revoke: stable was requested too early, then taken back after a bad report.
const vim = intoTesting(
  new Update({
    release: 'f42',
    submitter: 'zdohnal',
    builds: [['vim-9.1.1418-1.fc42', 2]],
    type: 'security',
    severity: 'low',
    notes: 'The newest upstream patchlevel; fixes CVE-2025-29768 (zip.vim path traversal).',
    bugs: [['CVE-2025-29768 vim: potential data loss with zip.vim and special crafted zip files [fedora-42]', true]],
    autokarma: false,
  }),
  0,
  '11:45',
);
vim.comment(at(1, '12:00'), 'rtrevino', 'Fine here.', 1);
vim.requestStable(at(1, '15:10'));
vim.comment(
  at(1, '17:34'),
  'ahmedk',
  'gvim segfaults when opening the file browser (:browse e). Reproducible; reported upstream.',
  -1,
);
vim.revoke(at(1, '18:02'));

for (const [day, clock, submitter, nvr, type, notes, testers] of [
  [0, '09:05', 'ljavorsky', 'openssl-3.2.4-3.fc42', 'security', 'Fix CVE-2025-4575: the -addreject option of openssl x509 did not work.', ['pkarlsson']],
  [1, '11:20', 'mcrha', 'evolution-3.56.2-1.fc42', 'bugfix', 'Update to 3.56.2.', ['lnovak']],
  [1, '14:40', 'sgallagh', 'nodejs22-22.16.0-1.fc42', 'enhancement', 'Update to Node.js 22.16.0.', []],
  [2, '08:50', 'alexl', 'flatpak-1.16.1-1.fc42', 'bugfix', 'Update to 1.16.1.', ['rtrevino', 'lnovak']],
  [3, '10:10', 'jcapik', 'tzdata-2025b-1.fc42', 'enhancement', 'New zone America/Coyhaique for the Aysén Region of Chile.', []],
  [4, '16:25', 'rhughes', 'fwupd-2.0.11-1.fc42', 'bugfix', 'New upstream release; adds support for more Synaptics touchpads.', ['ahmedk']],
]) {
  const update = intoTesting(
    new Update({ release: 'f42', submitter, builds: [nvr], type, notes, severity: type === 'security' ? 'medium' : 'unspecified' }),
    day,
    clock,
  );
  testers.forEach((tester, index) =>
    update.comment(at(day + 1, '12:00') + index * 3_600_000, tester, 'Works for me.', 1),
  );
}

// Fedora 41.
const firefox41 = intoTesting(
  new Update({
    release: 'f41',
    submitter: 'mstransky',
    builds: ['firefox-139.0.1-1.fc41'],
    type: 'security',
    severity: 'high',
    notes: 'Update to Firefox 139.0.1. Fixes CVE-2025-5263, CVE-2025-5264 and CVE-2025-5266.',
    bugs: [['CVE-2025-5263 firefox: Error handling for script execution was incorrectly isolated from web content [fedora-41]', true]],
    stableKarma: 2,
  }),
  0,
  '08:20',
);
firefox41
  .comment(at(1, '20:30'), 'dvolkov', 'Good on Fedora 41 KDE.', 1)
  .comment(at(2, '08:05'), 'lnovak', 'Works.', 1);
firefox41.pushStable(at(3, '01:40'));

const kernel41 = intoTesting(
  new Update({
    release: 'f41',
    submitter: 'jforbes',
    builds: ['kernel-6.14.9-200.fc41'],
    critpath: true,
    severity: 'medium',
    notes: 'The 6.14.9 stable kernel update contains a number of important fixes across the tree.',
  }),
  0,
  '15:35',
);
kernel41.comment(at(2, '09:00'), 'dvolkov', 'Wi-Fi (iwlwifi) drops every few minutes since this kernel.', -1);
kernel41.comment(at(2, '18:40'), 'rtrevino', 'Cannot reproduce the Wi-Fi drops on AX210; works here.', 1);

// Submitted the week before: the first message this week is a comment, then time-based stable.
const podman41 = new Update({
  release: 'f41',
  submitter: 'lsm5',
  builds: ['podman-5.5.0-1.fc41'],
  type: 'enhancement',
  notes: 'Podman 5.5.0: quadlet improvements, `podman update` for more container settings.',
});
Object.assign(podman41.object, {
  date_submitted: bodhiTime(at(-7, '10:00')),
  date_testing: bodhiTime(at(-6, '02:30')),
  date_pushed: bodhiTime(at(-6, '02:30')),
  pushed: true,
  status: 'testing',
  test_gating_status: 'passed',
});
podman41.addComment(at(-7, '10:00'), BODHI, 'This update has been submitted for testing by lsm5. ');
podman41.addComment(at(-6, '02:30'), BODHI, 'This update has been pushed to testing.');
podman41.comment(at(0, '10:30'), 'pkarlsson', 'Quadlet units start fine after upgrading.', 1);
podman41.requirementsMet(at(0, '11:00'));
podman41.requestStable(at(0, '14:12'));
podman41.pushStable(at(1, '01:45'));

for (const [day, clock, submitter, nvr, type, notes] of [
  [1, '10:40', 'ljavorsky', 'openssl-3.2.4-3.fc41', 'security', 'Fix CVE-2025-4575.'],
  [2, '13:15', 'jstanek', 'curl-8.9.1-4.fc41', 'security', 'Fix CVE-2025-4947.'],
  [3, '09:45', 'fweimer', 'glibc-2.40-26.fc41', 'bugfix', 'Sync with upstream release/2.40/master branch.'],
  [4, '12:00', 'ppisar', 'perl-DBD-SQLite-1.76-2.fc41', 'bugfix', 'Rebuild against SQLite 3.46.1.'],
]) {
  intoTesting(new Update({ release: 'f41', submitter, builds: [nvr], type, notes }), day, clock);
}

// EPEL 9.
const htop = intoTesting(
  new Update({
    release: 'epel9',
    submitter: 'dcavalca',
    builds: ['htop-3.4.1-1.el9'],
    type: 'enhancement',
    notes: 'Update to htop 3.4.1.',
    stableKarma: 3,
  }),
  0,
  '17:00',
);
htop
  .comment(at(2, '10:12'), 'rmoreau', 'Fine on AlmaLinux 9.6.', 1)
  .comment(at(3, '14:30'), 'dvolkov', 'Works on RHEL 9.6.', 1)
  .comment(at(4, '09:55'), 'kotieno', 'Works on CentOS Stream 9.', 1);
htop.pushStable(at(5, '01:30'));

for (const [day, clock, submitter, nvr, type, notes, tester] of [
  [1, '09:30', 'orion', 'fail2ban-1.1.0-7.el9', 'bugfix', 'Fix the sshd filter for OpenSSH 9.9 log lines.', 'rmoreau'],
  [2, '15:50', 'gwync', 'borgbackup-1.4.1-1.el9', 'enhancement', 'Update to 1.4.1.', null],
  [3, '11:00', 'ngompa', 'python-certbot-dns-cloudflare-4.0.0-1.el9', 'enhancement', 'Update to 4.0.0.', 'kotieno'],
  [4, '08:30', 'dcavalca', 'zstd-1.5.7-1.el9', 'bugfix', 'Update to 1.5.7.', null],
]) {
  const update = intoTesting(new Update({ release: 'epel9', submitter, builds: [nvr], type, notes }), day, clock);
  if (tester) update.comment(at(day + 2, '16:20'), tester, 'Tested on Rocky Linux 9, no issues.', 1);
}

// Rawhide: automatic updates, pushed stable once gating passes; one fails gating.
for (const [day, clock, submitter, nvr, lines, gating] of [
  [0, '06:12', 'churchyard', 'python-requests-2.32.4-1.fc43', ['Update to 2.32.4', 'Fixes CVE-2024-47081'], 'passed'],
  [1, '04:50', 'sergesanspaille', 'llvm-20.1.6-1.fc43', ['Update to LLVM 20.1.6'], 'passed'],
  [2, '12:33', 'fweimer', 'glibc-2.41.9000-14.fc43', ['Auto-sync with upstream branch master'], 'passed'],
  [3, '09:17', 'vondruch', 'ruby-3.4.4-1.fc43', ['Upgrade to Ruby 3.4.4'], 'failed'],
  [4, '22:40', 'jforbes', 'kernel-6.16.0-0.rc0.250606git.1.fc43', ['Linux v6.16.0-0.rc0.250606git'], 'passed'],
  [5, '07:05', 'ksurma', 'python3.14-3.14.0~b2-1.fc43', ['Update to Python 3.14.0b2'], 'passed'],
]) {
  const date = new Date(at(day, '00:00')).toUTCString().slice(0, 16).replace(',', '');
  rawhideUpdate(day, clock, {
    submitter,
    builds: [nvr],
    type: 'unspecified',
    notes: changelog(date, `${submitter} <${submitter}@fedoraproject.org>`, nvr, lines),
    gating,
  });
}

// ---------------------------------------------------------------------------------------------

// The story is written update by update; Bodhi numbers comments in the order they are made.
const commentIds = new Map(
  commentTimes
    .sort(([idA, timeA], [idB, timeB]) => timeA - timeB || idA - idB)
    .map(([id], index) => [id, 3_960_000 + index]),
);
const renumber = (_key, value) =>
  value && typeof value === 'object' && 'update_id' in value && 'testcase_feedback' in value
    ? { ...value, id: commentIds.get(value.id) }
    : value;

messages.sort((a, b) => a.time - b.time);
process.stdout.write(
  messages.map(({ envelope }) => `${JSON.stringify(envelope, renumber)}\n`).join(''),
);
