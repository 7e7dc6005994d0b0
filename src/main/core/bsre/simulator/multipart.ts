/**
 * Just enough multipart/form-data parsing for the simulator's v1 verify (`signed_file`): finds one
 * named part and returns its bytes. The simulator only reads what the client sends.
 */

/** The bytes of the part named `name`, or null when the body has no such part. */
export function multipartField(body: Buffer, contentType: string, name: string): Buffer | null {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) return null;
    const part = body.subarray(start + delimiter.length, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      if (new RegExp(`name="${name}"`, 'i').test(headers)) {
        // The part ends with the CRLF that precedes the next delimiter.
        return part.subarray(headerEnd + 4, Math.max(headerEnd + 4, part.length - 2));
      }
    }
    start = next;
  }
  return null;
}
