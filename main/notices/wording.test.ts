import { afterAll, describe, expect, it } from 'vitest';
import { ITEM_TYPES } from '../../core/catalog/schema.js';
import { SAMPLE_ITEMS, sampleNotice } from '../../core/notices/sample.js';
import { NOTICE_KINDS, NOTICE_LANGUAGES } from '../../core/notices/types.js';
import { flatText, PdfFolder } from './pdf-text.js';
import { renderNotice } from './render.js';

/**
 * What each notice says, read back from the PDF with pdftotext, for every outcome × item type ×
 * language: the right legal basis (行政许可法 §32 only for 行政许可), the redress body and court of a
 * refusal, the 容缺 wording, the hall's phones (DOMAIN.md, "What notices must get right").
 */
const folder = new PdfFolder();
afterAll(() => folder.cleanup());

const LAW = { 'zh-CN': '《中华人民共和国行政许可法》', en: 'Administrative Licensing Law' } as const;
const text = {
  'zh-CN': { phones: '咨询电话：021-00000000；监督投诉电话：12345', prevails: null, review: '六十日内依法向上海市徐汇区人民政府申请行政复议', court: '六个月内依法向上海市徐汇区人民法院提起行政诉讼', gaps: '已签署《容缺受理承诺书》', service: '拨打12345监督投诉电话' },
  en: { phones: 'Enquiries:021-00000000;supervisionandcomplaints:12345', prevails: 'theChineseversionprevails', review: "within60daysofreceivingthisnotice", court: "theShanghaiXuhuiDistrictPeople'sCourtwithin6months", gaps: 'signedthecommitment', service: 'callthesupervisionline12345' },
} as const;

describe('notice wording in the PDF, per outcome, item type and language', () => {
  for (const language of NOTICE_LANGUAGES) {
    for (const kind of NOTICE_KINDS) {
      for (const itemType of ITEM_TYPES) {
        it(`${kind} / ${itemType} / ${language}`, async () => {
          const data = sampleNotice(kind, { itemType, language, withGaps: kind === 'accepted' });
          const { pdf, missing } = await renderNotice(data, 'a4');
          expect(missing).toEqual([]);
          const all = flatText(folder.write(`${kind}-${itemType}-${language}`, pdf));
          const t = text[language];
          expect(all).toContain(t.phones);
          if (t.prevails) expect(all).toContain(t.prevails);
          else expect(all).not.toContain('Chineseversion');
          // §32 of the Licensing Law for licences only (the correction's note and the acceptance's citation);
          // completion slips cite nothing.
          const licensing = itemType === 'administrative_licensing';
          const cites = licensing && kind !== 'completed' && !(kind === 'accepted' && data.withGaps);
          if (cites) expect(all).toContain(LAW[language].replace(/\s+/g, ''));
          else expect(all).not.toContain(LAW[language].replace(/\s+/g, ''));
          // The item's own basis is printed as its 设定依据 / legal basis.
          const basis = SAMPLE_ITEMS[itemType].basis[language === 'zh-CN' ? 'zh' : 'en'].replace(/\s+/g, '');
          expect(all).toContain(basis);
          if (kind === 'rejected') {
            if (itemType === 'public_service') {
              expect(all).toContain(t.service);
              expect(all).not.toContain(t.review);
            } else {
              expect(all).toContain(t.review);
              expect(all).toContain(t.court);
            }
          }
          if (kind === 'accepted') expect(all).toContain(t.gaps);
        });
      }
    }
  }
});
