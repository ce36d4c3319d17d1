import { resolve } from 'node:path';
import type { TlsFiles } from '../config/sources-schema.js';

/**
 * A source's TLS files with relative paths made absolute against `base` (the configuration file's
 * folder, or a fedora-messaging TOML file's), so a configuration works from any working directory.
 */
export function resolveTlsFiles(tls: TlsFiles, base: string): TlsFiles {
  const resolved: TlsFiles = {};
  if (tls.ca_cert) resolved.ca_cert = resolve(base, tls.ca_cert);
  if (tls.certfile) resolved.certfile = resolve(base, tls.certfile);
  if (tls.keyfile) resolved.keyfile = resolve(base, tls.keyfile);
  return resolved;
}
