import { describe, expect, it } from 'vitest';
import { SseParser } from './sse.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('SseParser', () => {
  it('yields events across arbitrary chunk borders, skipping comments and retry lines', () => {
    const stream = 'retry: 5000\n\nevent: poke\ndata: {"checkpoint":7}\n\n: heartbeat\n\nevent: poke\r\ndata: {"checkpoint":9}\r\n\r\n';
    for (let cut = 1; cut < stream.length; cut += 1) {
      const p = new SseParser();
      const events = [...p.push(bytes(stream.slice(0, cut))), ...p.push(bytes(stream.slice(cut)))];
      expect(events, `cut at ${cut}`).toEqual([
        { event: 'poke', data: '{"checkpoint":7}' },
        { event: 'poke', data: '{"checkpoint":9}' },
      ]);
    }
  });

  it('joins multi-line data, decodes UTF-8 split inside a character, and refuses a runaway line', () => {
    const p = new SseParser();
    const all = bytes('data: 王\ndata: 𠮷\n\n');
    expect([...p.push(all.subarray(0, 8)), ...p.push(all.subarray(8))]).toEqual([{ event: 'message', data: '王\n𠮷' }]);
    expect(() => new SseParser().push(bytes('x'.repeat(70_000)))).toThrow(/longer than/);
  });
});
