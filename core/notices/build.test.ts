import { describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/schema.js';
import { buildDeliveryReceipt, buildNotice, buildPaymentSlip, RECEIPT_WIDTH_PT } from './build.js';
import { documentNumber, noticeDataFromCase, type CaseDetail } from './from-case.js';
import type { Content, DocDefinition, TableNode } from './pdf.js';
import { SAMPLE_CASE_NO, SAMPLE_NAME, sampleDeliveryReceipt, sampleNotice, samplePaymentSlip } from './sample.js';
import { NOTICE_KINDS, NOTICE_LAYOUTS, type NoticeKind } from './types.js';

/** Every node of a definition, the header and footer of pages 1 and 2 included. */
function nodes(def: DocDefinition): object[] {
  const out: object[] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c)) return c.forEach(walk);
    if (typeof c !== 'object' || c === null) return;
    out.push(c);
    const n = c as Record<string, unknown>;
    if (Array.isArray(n.stack)) walk(n.stack);
    if (Array.isArray(n.columns)) walk(n.columns);
    if (Array.isArray(n.text)) walk(n.text);
    const table = n.table as { body?: unknown[][] } | undefined;
    if (table?.body) table.body.forEach((row) => walk(row));
  };
  walk(def.content);
  for (const page of [1, 2]) {
    if (def.header) walk(def.header(page, 2));
    if (def.footer) walk(def.footer(page, 2));
  }
  return out;
}

const tags = (def: DocDefinition): string[] => nodes(def).flatMap((n) => ('notice' in n && typeof n.notice === 'string' ? [n.notice] : []));

/** All the text of a definition, joined: what a reader of the page would see, in order. */
function text(def: DocDefinition): string {
  const parts: string[] = [];
  const walk = (c: unknown): void => {
    if (typeof c === 'string') return void parts.push(c);
    if (Array.isArray(c)) return c.forEach(walk);
    if (typeof c !== 'object' || c === null) return;
    const n = c as Record<string, unknown>;
    if ('text' in n) walk(n.text);
    if (Array.isArray(n.stack)) walk(n.stack);
    if (Array.isArray(n.columns)) walk(n.columns);
    const table = n.table as { body?: unknown[][] } | undefined;
    if (table?.body) table.body.forEach((row) => walk(row));
  };
  walk(def.content);
  if (def.header) walk(def.header(1, 2));
  if (def.footer) walk(def.footer(1, 2));
  return parts.join('\n');
}

const tables = (def: DocDefinition): TableNode[] => nodes(def).filter((n): n is TableNode => 'table' in n);
const qrs = (def: DocDefinition): string[] => nodes(def).flatMap((n) => ('qr' in n && typeof n.qr === 'string' ? [n.qr] : []));

const SECTIONS: Record<NoticeKind, string[]> = {
  accepted: ['title', 'meta', 'qr', 'salutation', 'body', 'limits', 'progress', 'applicant', 'items', 'case', 'materials', 'signature', 'seal'],
  correction: ['title', 'meta', 'qr', 'salutation', 'body', 'applicant', 'items', 'received', 'toSupply', 'case', 'lawNote', 'signature', 'seal'],
  rejected: ['title', 'meta', 'qr', 'salutation', 'body', 'reason', 'authority', 'redress', 'applicant', 'items', 'case', 'signature', 'seal'],
  completed: ['title', 'meta', 'qr', 'salutation', 'body', 'result', 'applicant', 'items', 'case', 'materials', 'signature', 'seal'],
};

describe('notice definitions', () => {
  for (const kind of NOTICE_KINDS) {
    for (const layout of NOTICE_LAYOUTS) {
      it(`${kind} / ${layout}: has its sections, the QR payload, the case number and the name`, () => {
        const data = sampleNotice(kind);
        const def = buildNotice(data, layout);
        expect(tags(def)).toEqual(expect.arrayContaining(SECTIONS[kind]));
        expect(qrs(def)).toEqual([data.qrPayload]);
        const all = text(def);
        expect(all).toContain(SAMPLE_CASE_NO);
        expect(all).toContain(documentNumber(kind, SAMPLE_CASE_NO));
        expect(all).toContain(`${SAMPLE_NAME}：`);
        expect(all).toContain('食品经营许可（新办）');
        expect(all).toContain('徐汇区行政服务中心（盖章）');
        expect(all).toContain('申请人（签名）：');
        expect(tags(def)).not.toContain('reprint');
        expect(def.info.creationDate.toISOString()).toBe(data.issuedAt);
        if (layout === 'a4') expect(def.pageSize).toBe('A4');
        else expect(def.pageSize).toEqual({ width: RECEIPT_WIDTH_PT, height: 'auto' });
      });
    }
  }

  it('the 受理通知书 gives the due date and the limits; with gaps, the missing material and the promised date', () => {
    const plain = text(buildNotice(sampleNotice('accepted'), 'a4'));
    expect(plain).toContain('2026年3月19日');
    expect(plain).toContain('20 个工作日');
    expect(plain).toContain('10 个工作日');
    expect(plain).not.toContain('容缺');
    const def = buildNotice(sampleNotice('accepted', { withGaps: true }), 'a4');
    expect(tags(def)).toContain('gaps');
    const gaps = text(def);
    expect(gaps).toContain('（容缺受理）');
    expect(gaps).toContain('消防安全检查合格证明');
    expect(gaps).toContain('2026年3月20日');
  });

  it('the 一次性告知书 lists every material to supply or correct with what is wrong, the deadline and §32', () => {
    const data = sampleNotice('correction', { materials: 9 });
    const all = text(buildNotice(data, 'a4'));
    const toSupply = data.materials.filter((m) => m.status === 'to_correct' || m.status === 'missing');
    expect(toSupply.length).toBe(6);
    for (const m of toSupply) expect(all).toContain(m.name);
    expect(all).toContain('复印件不清晰，请提供清晰复印件并加盖公章');
    expect(all).toContain('未提交，请补充提交');
    expect(all).toContain('2026年3月12日');
    expect(all).toContain('第三十二条第一款第（四）项');
    expect(all).toContain('逾期不告知的，自收到申请材料之日起即为受理');
  });

  it('the 不予受理通知书 gives the reason, where to apply, and the rights of redress', () => {
    const all = text(buildNotice(sampleNotice('rejected'), 'a4'));
    expect(all).toContain('经营场所位于闵行区');
    expect(all).toContain('该申请事项请向闵行区市场监督管理局（闵行区行政服务中心）提出。');
    expect(all).toContain('陈述、申辩');
    expect(all).toContain('六十日内依法向徐汇区人民政府申请行政复议');
    expect(all).toContain('六个月内依法向徐汇区人民法院提起行政诉讼');
  });

  it('the 领取回执 has the case number, result, collector, ID, time and staff', () => {
    for (const layout of NOTICE_LAYOUTS) {
      const data = sampleDeliveryReceipt();
      const def = buildDeliveryReceipt(data, layout);
      const all = text(def);
      for (const s of [SAMPLE_CASE_NO, data.result, data.collector.name, data.collector.idNumber, '2026年3月19日 10:30', data.staff, '领取人（签名）：']) expect(all).toContain(s);
      expect(tags(def)).toEqual(expect.arrayContaining(['title', 'result', 'signature', 'seal', 'qr']));
      expect(qrs(def)).toEqual([data.qrPayload]);
    }
  });

  it('the payment slip has the amount, change and fee basis in yuan, and says it is not the fiscal bill', () => {
    for (const layout of NOTICE_LAYOUTS) {
      const data = samplePaymentSlip();
      const all = text(buildPaymentSlip(data, layout));
      for (const s of ['缴费凭条', data.documentNo, SAMPLE_CASE_NO, '¥20.00', '¥50.00', '¥30.00', '现金', '发改价格〔2003〕2322号', '正式票据以财政电子票据为准']) expect(all).toContain(s);
    }
    const refund = text(buildPaymentSlip({ ...samplePaymentSlip({ language: 'en' }), kind: 'refund', method: 'card', tenderedFen: null, changeFen: null, refundOf: 'SF-T3101040007-20260319-0001', supervisor: 'Li', reason: 'fee charged twice' }, 'receipt'));
    for (const s of ['Refund slip', 'bank card', 'Refund of slip', 'fee charged twice', 'Approved by']) expect(refund).toContain(s);
  });

  it('a reprint says so on every A4 page (header and watermark) and at both ends of the roll', () => {
    for (const kind of NOTICE_KINDS) {
      const a4 = buildNotice(sampleNotice(kind, { reprint: 3 }), 'a4');
      for (const page of [1, 2, 7]) expect(text({ ...a4, content: [], footer: undefined, header: () => a4.header?.(page, 7) ?? '' })).toContain('副本 / 第 3 次补打');
      expect(a4.watermark?.text).toBe('副本');
      const roll = buildNotice(sampleNotice(kind, { reprint: 3 }), 'receipt');
      const content = roll.content as Content[];
      expect(text({ ...roll, content: content[0] ?? '' })).toContain('副本 / 第 3 次补打');
      expect(text({ ...roll, content: content.at(-1) ?? '' })).toContain('副本 / 第 3 次补打');
      const en = buildNotice(sampleNotice(kind, { reprint: 1, language: 'en' }), 'a4');
      expect(text(en)).toContain('COPY – reprint 1');
    }
    const receipt = buildDeliveryReceipt(sampleDeliveryReceipt({ reprint: 2 }), 'a4');
    expect(text(receipt)).toContain('副本 / 第 2 次补打');
  });

  it('material tables repeat their heads on each page and never split a row', () => {
    const def = buildNotice(sampleNotice('correction', { materials: 300 }), 'a4');
    const lists = tables(def).filter((t) => ['received', 'toSupply'].includes(t.notice ?? ''));
    expect(lists).toHaveLength(2);
    for (const t of lists) {
      expect(t.table.headerRows).toBe(2); // the section heading and the column heads
      expect(t.table.dontBreakRows).toBe(true);
      expect(t.table.keepWithHeaderRows).toBe(1);
    }
    const names = text(def);
    for (let i = 1; i <= 300; i += 1) expect(names).toContain(`（第${i}项）`);
  });

  it('names the district above the title when the hall’s name does not', () => {
    expect(text(buildNotice({ ...sampleNotice('accepted'), hall: '行政服务中心', district: '徐汇区' }, 'a4'))).toContain('徐汇区行政服务中心');
    expect(text(buildNotice(sampleNotice('accepted'), 'a4'))).not.toContain('徐汇区徐汇区');
  });

  it('prints in English for foreign applicants', () => {
    const def = buildNotice(sampleNotice('accepted', { language: 'en' }), 'a4');
    const all = text(def);
    expect(all).toContain('Notice of Acceptance');
    expect(all).toContain('19 March 2026');
    expect(all).toContain('Document no.: ');
    expect(all).not.toContain('受理通知书');
    expect(def.language).toBe('en');
  });

  it('puts a long name in full into the definition (wrapping is the renderer’s job, never cutting)', () => {
    const name = '𠮷'.repeat(100) + '䶮'.repeat(100);
    const all = text(buildNotice(sampleNotice('accepted', { applicantName: name }), 'receipt'));
    expect(all).toContain(`${name}：`);
  });
});

describe('notice data from a case', () => {
  const catalog: Pick<Catalog, 'items' | 'bundles'> = {
    bundles: [],
    items: [
      {
        code: '310104-SH-SP-001',
        name: { 'zh-CN': '食品经营许可（新办）', en: 'Food business licence (new)' },
        department: { 'zh-CN': '徐汇区市场监督管理局', en: 'Xuhui Market Regulation' },
        category: 'enterprises',
        kind: 'promised',
        legalLimitDays: 20,
        promisedLimitDays: 10,
        fee: { amountFen: 0 },
        legalBasis: { 'zh-CN': '《食品安全法》第三十五条', en: 'Food Safety Law, Art. 35' },
        delivery: ['window', 'mail'],
        materials: [
          { id: 'id_card', name: { 'zh-CN': '居民身份证', en: 'Resident ID card' }, required: true, form: 'original', copies: 1, key: true },
          { id: 'lease', name: { 'zh-CN': '租赁合同', en: 'Lease' }, required: true, form: 'copy', copies: 2, key: false },
        ],
      },
    ],
  };
  const detail: CaseDetail = {
    caseNo: SAMPLE_CASE_NO,
    outcome: 'accepted',
    withGaps: true,
    title: { 'zh-CN': '食品经营许可（新办）', en: 'Food business licence (new)' },
    applicantName: '李䶮',
    applicantIdNumber: '11010519491231002X',
    receivedAt: '2026-03-05T06:05:00.000Z',
    dueDate: '2026-03-19',
    deadline: '2026-03-20',
    feeFen: 0,
    applicant: { kind: 'person', idType: 'resident_id', idNumber: '11010519491231002X', name: '李䶮', phone: '13800138000' },
    itemCodes: ['310104-SH-SP-001'],
    bundleCode: null,
    materials: [
      { entryId: '310104-SH-SP-001#id_card', name: '居民身份证', required: true, status: 'received', form: 'original', copies: 1, pages: 2, note: null, promisedDate: null, scannedPages: 0 },
      { entryId: '310104-SH-SP-001#lease', name: '租赁合同', required: true, status: 'missing', form: null, copies: null, pages: null, note: null, promisedDate: '2026-03-20', scannedPages: 0 },
    ],
    rejectReason: null,
    competentAuthority: null,
    staff: '赵赟',
    windowNo: '12',
    journal: [],
    central: null,
    timeline: [],
  };
  const ctx = { kind: 'accepted' as const, language: 'zh-CN' as const, catalog, hall: '徐汇区行政服务中心', district: '徐汇区', issuedAt: '2026-03-05T06:07:00.000Z', reprint: null, qrPayload: 'QR' };

  it('takes the case, the catalog item (limits, legal basis, delivery) and what a missing material requires', () => {
    const d = noticeDataFromCase(detail, ctx);
    expect(d.documentNo).toBe(`SL-${SAMPLE_CASE_NO}`);
    expect(d.applicant).toMatchObject({ kind: 'person', name: '李䶮', idType: 'resident_id', phone: '13800138000' });
    expect(d.items[0]).toMatchObject({ legalLimitDays: 20, promisedLimitDays: 10, legalBasis: '《食品安全法》第三十五条' });
    expect(d.legalLimitDays).toBe(20);
    expect(d.delivery).toEqual(['window', 'mail']);
    expect(d.acceptedAt).toBe(detail.receivedAt);
    expect(d.materials[1]).toMatchObject({ status: 'missing', form: 'copy', copies: 2, promisedDate: '2026-03-20' });
    expect(text(buildNotice(d, 'a4'))).toContain('租赁合同');
  });

  it('prints the catalog’s English names in English', () => {
    const d = noticeDataFromCase(detail, { ...ctx, language: 'en' });
    expect(d.title).toBe('Food business licence (new)');
    expect(d.materials.map((m) => m.name)).toEqual(['Resident ID card', 'Lease']);
    expect(d.items[0]?.department).toBe('Xuhui Market Regulation');
  });

  it('refuses a notice kind that does not fit the outcome', () => {
    expect(() => noticeDataFromCase(detail, { ...ctx, kind: 'rejected' })).toThrow(expect.objectContaining({ reason: 'notice_kind_mismatch' }));
    expect(() => noticeDataFromCase({ ...detail, outcome: 'rejected' }, ctx)).toThrow(expect.objectContaining({ code: 'invalid_input', reason: 'notice_kind_mismatch' }));
  });

  it('still prints when the catalog no longer has the item', () => {
    const d = noticeDataFromCase(detail, { ...ctx, catalog: { items: [], bundles: [] } });
    expect(d.items[0]).toMatchObject({ code: '310104-SH-SP-001', legalBasis: '—' });
    expect(d.materials[0]?.name).toBe('居民身份证');
  });

  it('reads an organisation with its credit code, legal representative and agent', () => {
    const d = noticeDataFromCase(
      {
        ...detail,
        applicant: {
          kind: 'organisation',
          name: '上海𠮷祥餐饮有限公司',
          uscc: '91350100M000100Y43',
          legalRep: { idType: 'resident_id', idNumber: '11010519491231002X', name: '陈堃' },
          agent: { idType: 'passport_foreign', idNumber: 'E12345678', name: 'John Smith', phone: '13900139000', powerOfAttorney: true },
        },
      },
      ctx,
    );
    expect(d.applicant).toMatchObject({ kind: 'organisation', idType: 'uscc', idNumber: '91350100M000100Y43', legalRep: { name: '陈堃' }, agent: { name: 'John Smith', phone: '13900139000' } });
    const all = text(buildNotice(d, 'a4'));
    for (const s of ['上海𠮷祥餐饮有限公司', '91350100M000100Y43', '陈堃', 'John Smith', '外国护照', '13900139000']) expect(all).toContain(s);
  });
});
