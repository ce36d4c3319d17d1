import { z } from 'zod';

/**
 * The `sources:` list (message bus connections). Its entries are typed by the bus runner
 * (issue 5); until then each entry is accepted as it is and nothing reads it.
 */
export const sourcesSchema = z.array(z.unknown());

export type SourceConfig = z.infer<typeof sourcesSchema>[number];
