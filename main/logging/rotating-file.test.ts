import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/support/temp.js';
import { fileLogger, LOG_FILE_NAME } from './logger.js';
import { RotatingFile } from './rotating-file.js';

const lines = (file: string): string[] => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

describe('RotatingFile', () => {
  it('rotates by size into .1 … .keep, whole lines only, the oldest dropped', () => {
    const dir = tempDir();
    const path = join(dir, 'logs', 'app.log');
    const f = new RotatingFile(path, { maxBytes: 100, keep: 2 });
    // 30 lines of 20 bytes: 5 per file, so 6 files' worth, of which the newest 3 are kept.
    for (let i = 0; i < 30; i += 1) f.write(`line ${String(i).padStart(13, '0')}\n`);
    f.close();
    expect(readdirSync(join(dir, 'logs')).sort()).toEqual(['app.log', 'app.log.1', 'app.log.2']);
    const all = [...lines(`${path}.2`), ...lines(`${path}.1`), ...lines(path)];
    expect(all).toEqual(Array.from({ length: 15 }, (_, i) => `line ${String(i + 15).padStart(13, '0')}`));
    for (const p of [path, `${path}.1`, `${path}.2`]) expect(readFileSync(p).byteLength).toBeLessThanOrEqual(100);
  });

  it('appends to the file a previous run left, counting its size', () => {
    const path = join(tempDir(), 'app.log');
    const first = new RotatingFile(path, { maxBytes: 60, keep: 1 });
    first.write('a'.repeat(39) + '\n');
    first.close();
    const second = new RotatingFile(path, { maxBytes: 60, keep: 1 });
    second.write('b'.repeat(29) + '\n'); // 40 + 30 > 60: rotates first
    second.close();
    expect(lines(`${path}.1`)).toEqual(['a'.repeat(39)]);
    expect(lines(path)).toEqual(['b'.repeat(29)]);
  });

  it('a write that fails drops the line and does not throw; the next write reopens the file', () => {
    const dir = tempDir();
    const path = join(dir, 'sub', 'app.log');
    const f = new RotatingFile(path, { maxBytes: 10, keep: 1 });
    f.write('0123456789\n');
    rmSync(join(dir, 'sub'), { recursive: true }); // the folder vanishes under the app: rotation's rename fails
    expect(() => f.write('next\n')).not.toThrow();
    expect(f.dropped).toBe(1);
    mkdirSync(join(dir, 'sub'));
    f.write('after\n');
    f.close();
    expect(lines(path)).toEqual(['after']);
  });
});

describe('fileLogger', () => {
  it('writes JSON lines into <dir>/onewindow.log with level names and ISO times', () => {
    const dir = tempDir();
    const { log, file } = fileLogger(dir, 'info');
    log.debug({}, 'not at info');
    log.child({ terminalId: 't-1' }).info({ seq: 3 }, 'outbox pushed');
    file.close();
    const [entry, ...rest] = lines(join(dir, LOG_FILE_NAME)).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ level: 'info', terminalId: 't-1', seq: 3, msg: 'outbox pushed', service: 'onewindow' });
    expect(new Date(String(entry?.time)).toISOString()).toBe(entry?.time);
  });
});
