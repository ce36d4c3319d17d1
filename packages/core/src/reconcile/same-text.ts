/**
 * Whether the forge's copy of a text is what the bot would write. Forges may hand text back with
 * CRLF line ends or without the trailing newline; neither is a difference worth a write.
 */
export function sameText(actual: string, desired: string): boolean {
  return actual === desired || normalize(actual) === normalize(desired);
}

function normalize(text: string): string {
  return text.replace(/\r\n/g, '\n').trimEnd();
}
