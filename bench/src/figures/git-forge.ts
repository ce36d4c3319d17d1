/**
 * Figure 5: updates per second applied to the embedded git forge (whole lifecycles through the
 * core, into a real bare repository), against `git fast-import` writing the same commits: the
 * adapter's repository is exported with `git fast-export --all` and imported into an empty one,
 * and the two repositories' refs are checked to point at the same commits. Then what a year of
 * Fedora updates costs at the adapter's rate.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CORE_CONFIG, applyEvent, parseMessage } from '@forgegate/core';
import { openGitForge } from '@forgegate/adapter-git';
import type { UpdateTemplate } from '../stream/bodhi-templates.js';
import { updateStream } from '../stream/update-stream.js';
import { rate, type FigureRow, type RunOptions } from '../figure.js';

/**
 * Fedora's Bodhi: about 2,000 security updates a year (the recorded query pages in
 * bodhi-api/: the 50th and 500th newest security updates of January 2020 are 83 days apart), a
 * tenth of all updates, so about 20,000 a year for the branched releases and EPEL, plus
 * rawhide's automatic updates (one per rawhide build, tens of thousands): we take 60,000.
 */
export const FEDORA_UPDATES_PER_YEAR = 60_000;
const YEAR_GOAL_SECONDS = 300;

function refs(gitDir: string): string {
  return execFileSync(
    'git',
    ['--git-dir', gitDir, 'for-each-ref', '--format=%(objectname) %(refname)'],
    {
      encoding: 'utf8',
    },
  );
}

export async function gitForge(
  templates: UpdateTemplate[],
  options: RunOptions,
): Promise<FigureRow[]> {
  const updates = options.quick ? 60 : 600;
  const work = mkdtempSync(join(tmpdir(), 'forgegate-bench-git-'));
  try {
    const adapterRepo = join(work, 'adapter.git');
    const messages = [...updateStream(templates, { updates })].map((message) => message.text);
    const forge = await openGitForge({
      path: adapterRepo,
      now: () => new Date('2025-06-01T00:00:00Z'),
    });
    const parse = { topicPrefixes: DEFAULT_CORE_CONFIG.topicPrefixes };
    const context = { config: DEFAULT_CORE_CONFIG, botLogin: await forge.whoami() };
    let start = process.hrtime.bigint();
    for (const text of messages) {
      const parsed = parseMessage(text, parse);
      if (parsed.outcome !== 'event')
        throw new Error(`generated message not an event: ${parsed.reason}`);
      await applyEvent(forge, parsed.event, context);
    }
    const adapterSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    forge.close();

    const exported = execFileSync('git', ['--git-dir', adapterRepo, 'fast-export', '--all'], {
      maxBuffer: 1 << 30,
    });
    const importRepo = join(work, 'import.git');
    execFileSync('git', ['init', '--quiet', '--bare', importRepo]);
    start = process.hrtime.bigint();
    const imported = spawnSync('git', ['--git-dir', importRepo, 'fast-import', '--quiet'], {
      input: exported,
    });
    const importSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (imported.status !== 0)
      throw new Error(`git fast-import failed: ${imported.stderr.toString()}`);
    if (refs(importRepo) !== refs(adapterRepo)) {
      throw new Error('git fast-import did not rebuild the same commits as the adapter');
    }
    const commits = execFileSync(
      'git',
      ['--git-dir', adapterRepo, 'rev-list', '--all', '--count'],
      {
        encoding: 'utf8',
      },
    ).trim();
    options.log(
      `figure 5: ${updates} updates (${messages.length} messages, ${commits} commits): adapter ${adapterSeconds.toFixed(1)} s, fast-import ${importSeconds.toFixed(2)} s`,
    );

    const adapterRate = updates / adapterSeconds;
    const yearSeconds = FEDORA_UPDATES_PER_YEAR / adapterRate;
    return [
      {
        figure: '5a embedded git forge (updates/s)',
        measured: rate(updates, adapterSeconds, 'update'),
        baseline: `git fast-import ${rate(updates, importSeconds, 'update')}`,
        ratio: importSeconds / adapterSeconds,
        goal: '≥ 25%',
        met: importSeconds / adapterSeconds >= 0.25,
        note: `${commits} commits, ${messages.length} messages`,
      },
      {
        figure: `5b a year of Fedora (${FEDORA_UPDATES_PER_YEAR.toLocaleString('en-US')} updates)`,
        measured: `${(yearSeconds / 60).toFixed(1)} min`,
        baseline: '5 min',
        ratio: YEAR_GOAL_SECONDS / yearSeconds,
        goal: '< 5 min',
        met: yearSeconds < YEAR_GOAL_SECONDS,
      },
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
