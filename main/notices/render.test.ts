import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDeliveryReceipt, buildNotice } from '../../core/notices/build.js';
import { SAMPLE_CASE_NO, SAMPLE_NAME, sampleDeliveryReceipt, sampleNotice } from '../../core/notices/sample.js';
import { NOTICE_KINDS, NOTICE_LAYOUTS, type NoticeData, type NoticeLayout } from '../../core/notices/types.js';
import { FALLBACK_FONT, NoticeFontSet, NOTICE_FONT_SPECS } from './fonts.js';
import { createNoticeRenderer, noticeRenderer, renderNotice } from './render.js';

/**
 * Real PDFs, read back with poppler (pdftotext, pdfinfo, pdffonts, pdftoppm from poppler-utils).
 * They are written to a temporary folder, removed afterwards unless ONEWINDOW_KEEP_PDFS=1 (then its
 * path is printed, for a person to look at the pages).
 */
const dir = mkdtempSync(join(tmpdir(), 'onewindow-notices-'));
const keep = process.env.ONEWINDOW_KEEP_PDFS === '1';
afterAll(() => {
  if (keep) console.log(`notice PDFs kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
});

function write(name: string, pdf: Buffer): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return file;
}
const pdftotext = (file: string, ...args: string[]): string => execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
/** The text with all white space removed: what wrapped over lines reads as one again. */
const flat = (file: string): string => pdftotext(file).replace(/\s+/g, '');
const pages = (file: string): number => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
const fonts = (file: string): string => execFileSync('pdffonts', [file], { encoding: 'utf8' });

const DUE: Record<NoticeData['kind'], string | null> = { accepted: '2026年3月19日', correction: '2026年3月12日', rejected: null, completed: '2026年3月5日' };

describe('rendering notices to PDF', () => {
  for (const kind of NOTICE_KINDS) {
    for (const layout of NOTICE_LAYOUTS) {
      it(`${kind} / ${layout}: case number, rare-character name, item, dates and materials come out as text`, async () => {
        const data = sampleNotice(kind, { withGaps: true });
        const { pdf, missing } = await renderNotice(data, layout);
        const file = write(`${kind}-${layout}`, pdf);
        const text = flat(file);
        expect(missing).toEqual([]);
        expect(text).toContain(SAMPLE_CASE_NO);
        expect(text).toContain('王𠮷䶮'); // U+20BB7 (Ext B) and U+4DAE (Ext A), exactly
        expect(text).toContain('食品经营许可（新办）');
        const due = DUE[kind];
        if (due) expect(text).toContain(due);
        // A 不予受理通知书 lists no materials (DOMAIN.md, "Notices").
        if (kind !== 'rejected') for (const m of data.materials) expect(text).toContain(m.name);
        expect(fonts(file)).toMatch(/NotoSansCJKsc-Regular\s+CID Type 0C\s+Identity-H\s+yes yes yes/);
        if (layout === 'receipt') {
          const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
          expect(Number(size?.[1])).toBeCloseTo(226.77, 1);
          expect(pages(file)).toBe(1);
        }
      });
    }
  }

  it('renders the 领取回执 on both layouts, and English notices', async () => {
    for (const layout of NOTICE_LAYOUTS) {
      const data = sampleDeliveryReceipt();
      const file = write(`delivery-${layout}`, (await noticeRenderer().render(buildDeliveryReceipt(data, layout))).pdf);
      const text = flat(file);
      for (const s of [SAMPLE_CASE_NO, SAMPLE_NAME, data.result, data.collector.idNumber, '2026年3月19日10:30', data.staff]) expect(text).toContain(s.replace(/\s+/g, ''));
    }
    const en = write('accepted-a4-en', (await renderNotice(sampleNotice('accepted', { language: 'en' }), 'a4')).pdf);
    const text = pdftotext(en, '-layout');
    expect(text).toContain('Notice of Acceptance');
    expect(text).toContain('19 March 2026');
    expect(text).toContain(SAMPLE_NAME);
  });

  it('prints the test names with rare characters: 王𠮷 李䶮 陈堃 张喆 赵赟', async () => {
    const names = ['王𠮷', '李䶮', '陈堃', '张喆', '赵赟'];
    for (const name of names) {
      const file = write(`name-${name}`, (await renderNotice(sampleNotice('accepted', { applicantName: name }), 'receipt')).pdf);
      expect(flat(file)).toContain(`${name}：`);
    }
  });

  it('prints a character the primary font lacks in the fallback font (𪚥, CJK Extension C)', async () => {
    const { pdf, missing } = await renderNotice(sampleNotice('accepted', { applicantName: '王𪚥' }), 'a4');
    const file = write('fallback-ext-c', pdf);
    expect(missing).toEqual([]);
    expect(flat(file)).toContain('王𪚥：');
    expect(fonts(file)).toContain('HanaMinB');
  });

  it('reports a character no bundled font has instead of hiding it', async () => {
    // U+9FFF (added in Unicode 14) is in neither font.
    const { missing } = await renderNotice(sampleNotice('accepted', { applicantName: '王\u9fff' }), 'receipt');
    expect(missing).toEqual(['\u9fff']);
  });

  it('paginates a 300-material case, every material on some page', async () => {
    for (const kind of ['accepted', 'correction'] as const) {
      const data = sampleNotice(kind, { materials: 300 });
      const { pdf, pages: laidOut } = await renderNotice(data, 'a4');
      const file = write(`${kind}-300`, pdf);
      expect(pages(file)).toBeGreaterThan(1);
      expect(laidOut).toBe(pages(file));
      const text = flat(file);
      for (const m of data.materials) expect(text).toContain(m.name);
      // The column heads are repeated on the next pages.
      expect(pdftotext(file, '-f', '3', '-l', '3')).toContain('材料名称');
    }
  });

  it('wraps a 200-character name in full, never cutting it', async () => {
    const name = '王𠮷'.repeat(50) + '李䶮陈堃张喆赵赟'.repeat(12) + '欧阳娜娜';
    expect([...name]).toHaveLength(200);
    for (const layout of NOTICE_LAYOUTS) {
      const file = write(`long-name-${layout}`, (await renderNotice(sampleNotice('rejected', { applicantName: name }), layout)).pdf);
      const text = flat(file);
      expect(text).toContain(`${name}：`);
      // and in the applicant grid, where it wraps within a cell
      expect(text.split(name).length - 1).toBeGreaterThanOrEqual(2);
    }
  });

  it('keeps an A4 受理通知书 with 10 materials and a QR code under 80 KB', async () => {
    const { pdf } = await renderNotice(sampleNotice('accepted', { materials: 10 }), 'a4');
    write('size-accepted-10', pdf);
    expect(pdf.byteLength).toBeLessThanOrEqual(80 * 1024);
  });

  it('is deterministic: the same data gives the same bytes, in this renderer or a fresh one', async () => {
    const def = (layout: NoticeLayout) => buildNotice(sampleNotice('correction', { reprint: 1 }), layout);
    for (const layout of NOTICE_LAYOUTS) {
      const a = await noticeRenderer().render(def(layout));
      const b = await noticeRenderer().render(def(layout));
      const c = await createNoticeRenderer().render(def(layout));
      expect(b.pdf.equals(a.pdf)).toBe(true);
      expect(c.pdf.equals(a.pdf)).toBe(true);
    }
  });

  it('parses each font file once per renderer, however many documents it renders', async () => {
    const renderer = createNoticeRenderer();
    for (let i = 0; i < 5; i += 1) await renderer.render(buildNotice(sampleNotice('accepted', { applicantName: `王${i}` }), 'receipt'));
    expect(renderer.fonts.parsed).toBe(1); // the fallback is not even read until a character needs it
    await renderer.render(buildNotice(sampleNotice('accepted', { applicantName: '王𪚥' }), 'receipt'));
    await renderer.render(buildNotice(sampleNotice('accepted', { applicantName: '李𪚥' }), 'receipt'));
    expect(renderer.fonts.parsed).toBe(2);
    expect(renderer.fonts.status().find((s) => s.family === FALLBACK_FONT)?.path).toMatch(/HanaMinB\.ttf$/);
  });

  it('draws the same glyphs with compacted font subroutines as with fontkit’s own subset', async () => {
    const data = sampleNotice('correction', { materials: 20, applicantName: '王𠮷李䶮陈堃张喆赵赟' });
    const compact = write('glyphs-compact', (await noticeRenderer().render(buildNotice(data, 'a4'))).pdf);
    const plain = write('glyphs-plain', (await createNoticeRenderer({ compactSubroutines: false }).render(buildNotice(data, 'a4'))).pdf);
    expect(readFileSync(compact).byteLength).toBeLessThan(readFileSync(plain).byteLength * 0.7);
    for (const [file, prefix] of [[compact, 'r-compact'], [plain, 'r-plain']] as const) execFileSync('pdftoppm', ['-r', '110', '-gray', file, join(dir, prefix)]);
    const rasters = (prefix: string) => readdirSync(dir).filter((f) => f.startsWith(`${prefix}-`)).sort();
    expect(rasters('r-compact').length).toBeGreaterThan(1);
    expect(rasters('r-compact').length).toBe(rasters('r-plain').length);
    for (const [i, f] of rasters('r-compact').entries()) {
      expect(readFileSync(join(dir, f)).equals(readFileSync(join(dir, rasters('r-plain')[i] ?? ''))), f).toBe(true);
    }
  });

  it('prints the same bytes from Debian’s font collection when the shipped file is absent', async () => {
    const system = NOTICE_FONT_SPECS[0]!.system[0]!.path;
    expect(existsSync(system), `${system} is missing: apt-get install fonts-noto-cjk (npm test installs it: scripts/test-setup.sh)`).toBe(true);
    const def = () => buildNotice(sampleNotice('accepted', { applicantName: '王𠮷䶮' }), 'a4');
    const fromSystem = createNoticeRenderer({ fontDirs: [join(dir, 'no-fonts-here')] });
    const a = await fromSystem.render(def());
    expect(fromSystem.fonts.status()[0]?.path).toMatch(/NotoSansCJK-Regular\.ttc$/);
    expect(a.pdf.equals((await noticeRenderer().render(def())).pdf)).toBe(true);
  });

  it('refuses a missing primary font with a message that says how to get it', () => {
    const set = new NoticeFontSet(() => {
      throw new Error('not reached');
    }, [join(dir, 'no-fonts-here')], [{ ...NOTICE_FONT_SPECS[0]!, system: [{ path: join(dir, 'absent.ttc'), face: 'NotoSansCJKsc-Regular', debianPackage: 'fonts-noto-cjk' }] }]);
    expect(() => set.familyFor(0x738b)).toThrow(/NotoSansCJKsc-Regular not found.*scripts\/fonts\.ts.*fonts-noto-cjk/s);
  });
});
