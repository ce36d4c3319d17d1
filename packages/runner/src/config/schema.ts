import { DEFAULT_TOPIC_PREFIXES } from '@forgegate/core';
import { z } from 'zod';
import { sourcesSchema } from './sources-schema.js';

/**
 * The configuration file's schema: DESIGN.md's skeleton, key for key (snake_case as users write
 * it). Unknown keys are errors, so a typo (`token_flie`) is reported instead of silently ignored.
 */

export const FORGE_TYPES = ['git', 'forgejo', 'gitlab', 'github'] as const;
export type ForgeType = (typeof FORGE_TYPES)[number];

export const DEFAULT_GIT_REPO = './var/distribution.git';
export const DEFAULT_INBOX_PATH = './var/inbox.sqlite';

const nonEmpty = z.string().min(1, 'must not be empty');

const regex = nonEmpty.refine(
  (pattern) => {
    try {
      new RegExp(pattern);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

const forgeSchema = z
  .strictObject({
    type: z.enum(FORGE_TYPES).default('git'),
    repo: nonEmpty.optional(),
    url: z.url({ message: 'expected a URL' }).optional(),
    token_file: nonEmpty.optional(),
    token_env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name')
      .optional(),
  })
  .superRefine((forge, context) => {
    if (forge.type === 'git') return;
    // Every hosted forge needs to know which repository and whose account.
    if (forge.repo === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['repo'],
        message: `required for forge.type ${forge.type} (owner/name)`,
      });
    }
    if (forge.token_file === undefined && forge.token_env === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['token_file'],
        message: `forge.token_file or forge.token_env is required for forge.type ${forge.type}`,
      });
    }
    if (forge.type !== 'github' && forge.url === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['url'],
        message: `required for forge.type ${forge.type}`,
      });
    }
  });

export const configFileSchema = z.strictObject({
  forge: forgeSchema.default({ type: 'git' }),
  layout: z.enum(['sharded', 'flat']).default('sharded'),
  topic_prefixes: z
    .array(nonEmpty)
    .min(1, 'needs at least one prefix')
    .default(DEFAULT_TOPIC_PREFIXES),
  releases: z.record(z.string(), nonEmpty).default({}),
  koji_tags: z.record(z.string(), nonEmpty).default({}),
  composes: z.array(z.strictObject({ match: regex, branch: nonEmpty })).default([]),
  sources: sourcesSchema.default([]),
  inbox: z.strictObject({ path: nonEmpty.default(DEFAULT_INBOX_PATH) }).default({
    path: DEFAULT_INBOX_PATH,
  }),
});

export type ConfigFile = z.infer<typeof configFileSchema>;
