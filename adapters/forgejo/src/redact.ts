/**
 * A function that blanks the secret (and its URL-encoded form) out of any text. Separate from the
 * runner's log redaction (packages/runner/src/logging/redact.ts) because the client builds its
 * error messages from request details and forge answers (a proxy may echo the Authorization header
 * back): the adapter's errors must hold no token wherever they travel, not only through the
 * runner's logger, and any user of the adapter gets them that way.
 */
export function redactor(secret: string): (text: string) => string {
  const forms = [...new Set([secret, encodeURIComponent(secret)])].filter(
    (form) => form.length > 0,
  );
  return (text) => forms.reduce((out, form) => out.split(form).join('[redacted]'), text);
}
