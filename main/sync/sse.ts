/**
 * A server-sent-events parser (the WHATWG "event stream" format) for bytes read off a fetch body:
 * feed it chunks as they come, get whole events back. Comments (`: heartbeat`) are skipped but count
 * as life on the stream.
 */
export interface SseEvent {
  event: string;
  data: string;
}

/** A line longer than this is not our server's (pokes are tiny): drop the stream rather than grow without bound. */
const MAX_BUFFER = 64 * 1024;

export class SseParser {
  private readonly decoder = new TextDecoder();
  private buffer = '';
  private event = '';
  private data: string[] = [];

  /** Parses a chunk; returns the events it completed. Throws on a runaway line. */
  push(chunk: Uint8Array): SseEvent[] {
    this.buffer += this.decoder.decode(chunk, { stream: true });
    const out: SseEvent[] = [];
    for (;;) {
      const m = /\r\n|\r|\n/.exec(this.buffer);
      if (!m) break;
      // A lone \r at the very end may be the first half of \r\n: wait for the next chunk.
      if (m[0] === '\r' && m.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, m.index);
      this.buffer = this.buffer.slice(m.index + m[0].length);
      const ev = this.line(line);
      if (ev) out.push(ev);
    }
    if (this.buffer.length > MAX_BUFFER) throw new Error(`event stream line longer than ${MAX_BUFFER} characters`);
    return out;
  }

  private line(line: string): SseEvent | null {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = '';
        return null;
      }
      const ev = { event: this.event || 'message', data: this.data.join('\n') };
      this.event = '';
      this.data = [];
      return ev;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    // id and retry: the client keeps its own reconnect backoff and asks for the latest checkpoint anyway.
    return null;
  }
}
