// The server-sent-events reader fed in awkward chunks: events split anywhere, CRLF and LF, comment
// heartbeats, multi-line data, and a trailing half event held until it completes.
import { describe, expect, it } from 'vitest';

import { SseReader } from '../../../src/shared/contract/sse-reader';

describe('SseReader', () => {
  it('assembles events across chunk boundaries and skips heartbeats', () => {
    const stream =
      ': hello\n\nevent: change\r\ndata: {"kind":"queue"}\r\n\r\n: ping\n\nevent: change\ndata: a\ndata: b\n\nevent: change\ndata: {"kind":';
    const reader = new SseReader();
    const events = [];
    for (let i = 0; i < stream.length; i += 3) events.push(...reader.push(stream.slice(i, i + 3)));
    expect(events).toEqual([
      { event: 'change', data: '{"kind":"queue"}' },
      { event: 'change', data: 'a\nb' },
    ]);
    expect(reader.push('"recap"}\n\n')).toEqual([{ event: 'change', data: '{"kind":"recap"}' }]);
  });

  it('names an event without an event line "message"', () => {
    expect(new SseReader().push('data:x\n\n')).toEqual([{ event: 'message', data: 'x' }]);
  });
});
