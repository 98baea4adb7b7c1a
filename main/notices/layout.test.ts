import { afterAll, describe, expect, it } from 'vitest';
import { buildDeliveryReceipt, buildNotice, layoutAllowed } from '../../core/notices/build.js';
import { SEAL_AREA_PT } from '../../core/notices/layout/blocks.js';
import { sampleDeliveryReceipt, sampleNotice } from '../../core/notices/sample.js';
import { NOTICE_KINDS, NOTICE_LAYOUTS, type NoticeData } from '../../core/notices/types.js';
import { grayPage, pageCount, PdfFolder, pdftotext, words } from './pdf-text.js';
import { noticeRenderer, renderNotice } from './render.js';

/**
 * The page an official stamps: the seal needs a clear area at least 42 mm high over the office's
 * name, on a page that carries the decision's text, never a page holding only the signature block.
 * Checked on the PDF: where pdftotext puts the office's name, and the pixels pdftoppm draws above it.
 */
const folder = new PdfFolder();
afterAll(() => folder.cleanup());

/** Strings of the signature block itself: whatever else is on the seal's page is text of the notice. */
const SIGNATURE_BLOCK = /申请人（签名）：|领取人（签名）：|日期：|年月日|（盖章）|受理专用章|受.{2,40}?委托|\d{4}年\d{1,2}月\d{1,2}日|第\d+页共\d+页|[A-Z0-9-]+|〔\d+〕/g;

interface SealCheck {
  /** The page with the seal. */
  page: number;
  /** Text on that page besides the signature block. */
  otherText: string;
  /** The darkest pixel in the 42 mm area above the office's name (255: white). */
  darkest: number;
  pages: number;
}

function checkSeal(file: string, office: RegExp): SealCheck {
  const all = words(file);
  const sealWord = [...all].reverse().find((w) => office.test(w.text));
  if (!sealWord) throw new Error(`no office line matching ${office} in ${file}`);
  const page = pdftotext(file, '-f', String(sealWord.page), '-l', String(sealWord.page)).replace(/\s+/g, '');
  // The area: 42 mm above the office's line, as wide as the seal (42 mm) around the line's middle.
  const middle = (sealWord.xMin + sealWord.xMax) / 2;
  const half = SEAL_AREA_PT / 2;
  const gray = grayPage(file, sealWord.page);
  return {
    page: sealWord.page,
    otherText: page.replace(SIGNATURE_BLOCK, ''),
    darkest: gray.darkestIn(middle - half + 1, sealWord.yMin - SEAL_AREA_PT + 1, middle + half - 1, sealWord.yMin - 1),
    pages: pageCount(file),
  };
}

const OFFICE = /（盖章）|\(seal\)/;

describe('the seal’s area and page', () => {
  for (const kind of NOTICE_KINDS) {
    for (const layout of NOTICE_LAYOUTS.filter((l) => layoutAllowed(kind, l))) {
      it(`${kind} / ${layout}: a clear 42 mm over the office's name, on a page with the notice's text`, async () => {
        const { pdf } = await renderNotice(sampleNotice(kind, { withGaps: true }), layout);
        const c = checkSeal(folder.write(`seal-${kind}-${layout}`, pdf), OFFICE);
        expect(c.darkest, 'nothing printed in the seal area').toBeGreaterThanOrEqual(250);
        expect(c.otherText.length).toBeGreaterThan(30);
        // The decision and its seal stand on page 1 (compact spacing when needed); the annex follows.
        expect(c.page).toBe(1);
      });
    }
  }

  it('the 领取回执 too, on both layouts', async () => {
    for (const layout of NOTICE_LAYOUTS) {
      const { pdf } = await noticeRenderer().render(buildDeliveryReceipt(sampleDeliveryReceipt(), layout));
      const c = checkSeal(folder.write(`seal-delivery-${layout}`, pdf), OFFICE);
      expect(c.darkest).toBeGreaterThanOrEqual(250);
      expect(c.otherText).toContain('本人已领取下列办件结果');
    }
  });

  it('a body long enough to push the seal off page 1: spacing shrinks first, and the seal never stands alone', async () => {
    const reasons = [200, 450, 600, 700, 800, 900, 1000].map((n) => '申请人提交的经营场所证明与实际经营地址不一致'.repeat(50).slice(0, n));
    const outcomes: string[] = [];
    for (const [i, reason] of reasons.entries()) {
      const base = sampleNotice('rejected', { rejectionType: 'other' });
      const data: NoticeData = { ...base, rejection: { type: 'other', reason, competentAuthority: '上海市闵行区市场监督管理局（上海市闵行区行政服务中心，上海市闵行区沪闵路6258号）' } };
      const rendered = await renderNotice(data, 'a4');
      const file = folder.write(`seal-long-${i}`, rendered.pdf);
      const c = checkSeal(file, OFFICE);
      expect(c.darkest).toBeGreaterThanOrEqual(250);
      // Whatever page the seal is on, the rights paragraphs (the decision's own text) are on it.
      expect(c.otherText).toContain('六十日内依法向上海市徐汇区人民政府申请行政复议');
      expect(rendered.closing?.page).toBe(c.page);
      outcomes.push(`${reason.length}:${c.page}${rendered.closing?.pushed ? ' pushed' : ''}`);
    }
    // The sweep does reach the case where the closing group leaves page 1.
    expect(outcomes.some((o) => o.includes(':2'))).toBe(true);
  });

  it('tries the compact layout before letting the closing group start a page', async () => {
    // Long enough that the normal layout pushes the closing group, short enough that compact keeps it.
    let found = false;
    for (let n = 300; n <= 1000 && !found; n += 50) {
      const base = sampleNotice('rejected', { rejectionType: 'other' });
      const data: NoticeData = { ...base, rejection: { type: 'other', reason: '理'.repeat(n), competentAuthority: null } };
      const normal = await noticeRenderer().renderFitting([() => buildNoticeFor(data, false)]);
      if (!normal.closing?.pushed) continue;
      const fitting = await renderNotice(data, 'a4');
      if (fitting.closing?.pushed === false) {
        expect(fitting.closing.page).toBe(1);
        found = true;
      }
    }
    expect(found).toBe(true);
  });
});

const buildNoticeFor = (data: NoticeData, compact: boolean) => buildNotice(data, 'a4', { compact });
