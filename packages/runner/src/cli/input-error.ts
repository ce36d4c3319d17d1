/**
 * An input file named on the command line that cannot be used, already phrased as the one line a
 * user reads (`listing.txt: cannot read: ENOENT`); the CLI prints it and exits 2.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** The one-line reason for a failed read of `path`. */
export function cannotRead(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  return new InputError(
    `${path}: cannot read: ${code ?? (error instanceof Error ? error.message : String(error))}`,
  );
}
