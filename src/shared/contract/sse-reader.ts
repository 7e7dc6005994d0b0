/**
 * Reads a server-sent-events body into events: `event:` and `data:` lines, a blank line ends an
 * event, lines starting with ':' are comments (the server's heartbeats). Pure and incremental, so
 * the stream can be fed chunk by chunk as it arrives.
 */
export interface SseMessage {
  event: string;
  data: string;
}

export class SseReader {
  private buffer = '';
  private event = '';
  private data: string[] = [];

  /** Feeds one chunk; returns the events it completed. */
  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const done: SseMessage[] = [];
    let newline: number;
    while ((newline = this.buffer.search(/\r?\n|\r/)) >= 0) {
      const line = this.buffer.slice(0, newline);
      const width = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      this.buffer = this.buffer.slice(newline + width);
      if (line === '') {
        if (this.data.length > 0) done.push({ event: this.event || 'message', data: this.data.join('\n') });
        this.event = '';
        this.data = [];
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') this.event = value;
        else if (field === 'data') this.data.push(value);
      }
    }
    return done;
  }
}
