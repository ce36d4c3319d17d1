/**
 * An event the rules cannot turn into forge state (a build NVR that is not name-version-release,
 * an unknown content type, a release with no branch): the event is ignored with this message as
 * its reason, and nothing is written.
 */
export class UnmappableError extends Error {
  override readonly name = 'UnmappableError';
}
