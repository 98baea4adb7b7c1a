import { describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/schema.js';
import { buildDeliveryReceipt, buildNotice, RECEIPT_WIDTH_PT } from './build.js';
import { documentNumber, noticeDataFromCase, type CaseDetail } from './from-case.js';
import type { Content, DocDefinition, TableNode } from './pdf.js';
import { SAMPLE_CASE_NO, SAMPLE_NAME, SAMPLE_ORGANISATION, sampleDeliveryReceipt, sampleNotice } from './sample.js';
import { ITEM_TYPES } from '../catalog/schema.js';
import { REJECTION_TYPES } from '../intake/schema.js';
import { layoutAllowed } from './build.js';
import { NOTICE_KINDS, NOTICE_LAYOUTS, NOTICE_LANGUAGES, type NoticeKind } from './types.js';

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
  accepted: ['title', 'meta', 'qr', 'salutation', 'body', 'limits', 'progress', 'closing', 'hallAddress', 'hallPhones', 'applicant', 'items', 'case', 'materials', 'exempt', 'signature', 'seal', 'sealArea'],
  correction: ['title', 'meta', 'qr', 'salutation', 'body', 'where', 'closing', 'hallAddress', 'applicant', 'items', 'received', 'toSupply', 'case', 'lawNote', 'signature', 'seal', 'sealArea'],
  rejected: ['title', 'meta', 'qr', 'salutation', 'body', 'reason', 'authority', 'redress', 'closing', 'hallAddress', 'applicant', 'items', 'case', 'signature', 'seal', 'sealArea'],
  completed: ['title', 'meta', 'qr', 'salutation', 'body', 'result', 'closing', 'hallAddress', 'applicant', 'items', 'case', 'materials', 'signature', 'seal', 'sealArea'],
};

const HALL = '上海市徐汇区行政服务中心';
const SAMR = '上海市徐汇区市场监督管理局';
const POLICE = '上海市公安局徐汇分局';
const LAW = '《中华人民共和国行政许可法》';
/** A Chinese character or full-width mark next to an ASCII digit across spaces: a stray space. */
const STRAY_SPACE = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef] +[0-9]|[0-9] +[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

describe('notice definitions', () => {
  for (const kind of NOTICE_KINDS) {
    for (const layout of NOTICE_LAYOUTS.filter((l) => layoutAllowed(kind, l))) {
      it(`${kind} / ${layout}: has its sections, the QR payload, the case number, the name and the hall's lines`, () => {
        const data = sampleNotice(kind);
        const def = buildNotice(data, layout);
        const expected = layout === 'a4' ? SECTIONS[kind] : ['title', 'meta', 'qr', 'body', 'closing', 'hallAddress', 'materials', 'signature', 'sealArea'];
        expect(tags(def)).toEqual(expect.arrayContaining(expected));
        expect(qrs(def)).toEqual([data.qrPayload]);
        const all = text(def);
        expect(all).toContain(SAMPLE_CASE_NO);
        expect(all).toContain(documentNumber(kind, SAMPLE_CASE_NO));
        expect(all).toContain(`${SAMPLE_NAME}：`);
        expect(all).toContain('食品经营许可（新办）');
        expect(all).toContain(`${HALL}受理专用章（盖章）`);
        expect(all).toContain(`受${SAMR}委托`);
        expect(all).toContain('申请人（签名）：');
        expect(all).toContain('办理地点：上海市徐汇区行政服务中心（上海市徐汇区示例路100号）');
        expect(all).toContain('咨询电话：021-00000000；监督投诉电话：12345');
        expect(tags(def)).not.toContain('reprint');
        expect(def.info.creationDate.toISOString()).toBe(data.issuedAt);
        if (layout === 'a4') expect(def.pageSize).toBe('A4');
        else expect(def.pageSize).toEqual({ width: RECEIPT_WIDTH_PT, height: 'auto' });
      });
    }
  }

  it('refuses a decision on the 80 mm roll; the roll prints the 收件回执 of an accepted case, naming the A4 notice', () => {
    for (const kind of ['correction', 'rejected', 'completed'] as const) {
      expect(() => buildNotice(sampleNotice(kind), 'receipt')).toThrow(expect.objectContaining({ code: 'invalid_input', reason: 'layout_not_for_decision', field: 'layout' }));
    }
    const slip = text(buildNotice(sampleNotice('accepted'), 'receipt'));
    expect(slip).toContain('收件回执');
    expect(slip).not.toContain('受理通知书\n');
    expect(slip).toContain(`受理决定见文号为${documentNumber('accepted', SAMPLE_CASE_NO)}的受理通知书（A4纸）`);
    expect(slip).toContain('将于2026年3月19日（含）前办结');
  });

  it('the hall and the seal agree: own seal names the department; entrusted, the hall’s 受理专用章 “受 … 委托”', () => {
    const own = text(buildNotice(sampleNotice('accepted', { itemType: 'administrative_confirmation' }), 'a4'));
    expect(own).toContain(`${POLICE}决定予以受理`);
    expect(own).toContain(`${POLICE}（盖章）`);
    expect(own).not.toContain('受理专用章');
    expect(own).not.toContain('本机关');
    const entrusted = text(buildNotice(sampleNotice('accepted'), 'a4'));
    expect(entrusted).toContain(`${HALL}受${SAMR}委托，以其名义决定予以受理`);
    expect(entrusted).not.toContain('本机关');
  });

  it('cites 行政许可法 §32 only for 行政许可; other kinds cite their own basis', () => {
    const licence = text(buildNotice(sampleNotice('accepted'), 'a4'));
    expect(licence).toContain(`根据${LAW}第三十二条第一款第（五）项的规定`);
    for (const itemType of ITEM_TYPES.filter((k) => k !== 'administrative_licensing')) {
      for (const kind of NOTICE_KINDS) {
        const all = text(buildNotice(sampleNotice(kind, { itemType }), 'a4'));
        expect(all, `${itemType} ${kind}`).not.toContain(LAW);
      }
    }
    const id = text(buildNotice(sampleNotice('accepted', { itemType: 'administrative_confirmation' }), 'a4'));
    expect(id).toContain('依据《中华人民共和国居民身份证法》第十二条的规定，上海市公安局徐汇分局决定予以受理。');
  });

  it('prints limits with their unit and the due date “于 X 日（含）前”', () => {
    const licence = text(buildNotice(sampleNotice('accepted'), 'a4'));
    expect(licence).toContain('本申请法定办结时限为10个工作日，承诺办结时限为10个工作日，将于2026年3月19日（含）前办结。');
    const id = text(buildNotice(sampleNotice('accepted', { itemType: 'administrative_confirmation' }), 'a4'));
    expect(id).toContain('法定办结时限为60日，');
    expect(id).not.toContain('60个工作日');
    const provisional = text(buildNotice(sampleNotice('accepted', { dueDateProvisional: true }), 'a4'));
    expect(provisional).toContain('办结日期按2026年暂定的节假日安排计算');
    expect(licence).not.toContain('暂定');
  });

  it('容缺受理 has its own text: the missing non-key material, the signed commitment among the received, the date, the consequence', () => {
    const def = buildNotice(sampleNotice('accepted', { withGaps: true }), 'a4');
    const all = text(def);
    expect(tags(def)).toContain('gaps');
    expect(all).toContain('（容缺受理）');
    expect(all).toContain('除“容缺材料”所列非关键材料尚未提交外');
    expect(all).toContain('已签署《容缺受理承诺书》');
    expect(all).toContain('请于2026年3月18日（含）前将“容缺材料”所列材料提交至上海市徐汇区行政服务中心综合受理窗口（上海市徐汇区示例路100号）');
    expect(all).toContain('逾期未补齐的，本申请终止办理，并按照有关规定记入信用记录');
    expect(all).toContain('消防安全检查合格证明');
    // Never "complete" and "missing" in the same notice.
    expect(all).not.toContain('申请材料齐全、符合法定形式');
    const received = tables(def).find((t) => t.notice === 'materials');
    expect(text({ ...def, content: received ?? '', header: undefined, footer: undefined })).toContain('容缺受理承诺书');
  });

  it('the 一次性告知书 lists every material, where to hand them in and what follows the deadline; §32 and its note only for licences', () => {
    const data = sampleNotice('correction', { materials: 9 });
    const all = text(buildNotice(data, 'a4'));
    const toSupply = data.materials.filter((m) => m.status === 'to_correct' || m.status === 'missing');
    expect(toSupply.length).toBe(6);
    for (const m of toSupply) expect(all).toContain(m.name);
    expect(all).toContain('复印件不清晰，请提供清晰复印件并加盖公章');
    expect(all).toContain('未提交，请补充提交');
    expect(all).toContain('请于2026年3月12日（含）前将补正材料提交至上海市徐汇区行政服务中心综合受理窗口（上海市徐汇区示例路100号）');
    expect(all).toContain('逾期未补正的，视为你放弃本次申请');
    expect(all).toContain('第三十二条第一款第（四）项');
    expect(all).toContain('逾期不告知的，自收到申请材料之日起即为受理');
    const service = text(buildNotice(sampleNotice('correction', { itemType: 'public_service' }), 'a4'));
    expect(service).not.toContain('第三十二条');
    expect(service).not.toContain('逾期不告知的');
    expect(service).toContain('符合规定形式的，予以受理');
  });

  it('the 不予受理通知书 by reason type, with the actual 复议机关 and court and their periods', () => {
    const notCompetent = text(buildNotice(sampleNotice('rejected'), 'a4'));
    expect(notCompetent).toContain(`该申请事项依法不属于${SAMR}的职权范围。根据${LAW}第三十二条第一款第（二）项的规定`);
    expect(notCompetent).toContain('经营场所位于闵行区');
    expect(notCompetent).toContain('该申请事项请向上海市闵行区市场监督管理局（上海市闵行区行政服务中心）提出。');
    expect(notCompetent).toContain('陈述、申辩');
    expect(notCompetent).toContain('可以自收到本通知书之日起六十日内依法向上海市徐汇区人民政府申请行政复议');
    expect(notCompetent).toContain('六个月内依法向上海市徐汇区人民法院提起行政诉讼');
    expect(notCompetent).not.toContain('有权机关');
    const none = buildNotice(sampleNotice('rejected', { rejectionType: 'no_licence_needed' }), 'a4');
    expect(text(none)).toContain(`该申请事项依法不需要取得行政许可。根据${LAW}第三十二条第一款第（一）项的规定`);
    expect(tags(none)).not.toContain('authority');
    const other = text(buildNotice(sampleNotice('rejected', { rejectionType: 'other' }), 'a4'));
    expect(other).toContain('申请人不具备申请资格：申请人未满十八周岁。');
    expect(other).not.toContain('第三十二条');
    const service = text(buildNotice(sampleNotice('rejected', { itemType: 'public_service' }), 'a4'));
    expect(service).not.toContain('行政复议');
    expect(service).toContain('拨打12345监督投诉电话');
  });

  it('says 你 to a person and 你（单位）to an organisation', () => {
    for (const kind of NOTICE_KINDS) {
      const person = text(buildNotice(sampleNotice(kind), 'a4'));
      expect(person).not.toContain('你（单位）');
      expect(person).toContain('你于2026年3月5日');
      const org = text(buildNotice(sampleNotice(kind, { applicantKind: 'organisation' }), 'a4'));
      expect(org).toContain(`${SAMPLE_ORGANISATION}：`);
      expect(org).toContain('你（单位）于2026年3月5日');
    }
  });

  it('lists exempt materials apart from the received ones', () => {
    const def = buildNotice(sampleNotice('accepted'), 'a4');
    const only = (tag: string): string => text({ ...def, content: tables(def).find((t) => t.notice === tag) ?? '', header: undefined, footer: undefined });
    expect(only('exempt')).toContain('申请表（第4项）');
    expect(only('exempt')).toContain('电子证照编号：310104-DZZZ-2026-000123');
    expect(only('materials')).not.toContain('申请表（第4项）');
    expect(only('materials')).toContain('居民身份证（第1项）');
  });

  it('leaves no stray space between a number and Chinese, in any notice of any kind of item', () => {
    for (const kind of NOTICE_KINDS) {
      for (const itemType of ITEM_TYPES) {
        for (const rejectionType of kind === 'rejected' ? REJECTION_TYPES.filter((r) => r !== 'no_licence_needed' || itemType === 'administrative_licensing') : (['other'] as const)) {
          const all = text(buildNotice(sampleNotice(kind, { itemType, rejectionType, withGaps: true, reprint: 2 }), 'a4'));
          for (const line of all.split('\n')) expect(line, `${kind} ${itemType}`).not.toMatch(STRAY_SPACE);
          expect(all).not.toMatch(/\d+ 个工作日|\d+ 号窗口/);
        }
      }
    }
    expect(text(buildNotice(sampleNotice('accepted'), 'a4'))).toContain('12号窗口');
  });

  it('the 领取回执 has the case number, result, collector, ID, time, 出件窗口 and staff, and the hall’s lines', () => {
    for (const layout of NOTICE_LAYOUTS) {
      const data = sampleDeliveryReceipt();
      const def = buildDeliveryReceipt(data, layout);
      const all = text(def);
      for (const s of [SAMPLE_CASE_NO, data.result, data.collector.name, data.collector.idNumber, '2026年3月19日10时30分', data.staff, '领取人（签名）：', '出件窗口', '3号窗口', '监督投诉电话：12345']) expect(all).toContain(s);
      expect(tags(def)).toEqual(expect.arrayContaining(['title', 'result', 'signature', 'seal', 'sealArea', 'qr', 'closing']));
      expect(qrs(def)).toEqual([data.qrPayload]);
    }
  });

  it('a reprint says so on every A4 page (header and watermark) and at both ends of the roll', () => {
    for (const kind of NOTICE_KINDS) {
      const a4 = buildNotice(sampleNotice(kind, { reprint: 3 }), 'a4');
      for (const page of [1, 2, 7]) expect(text({ ...a4, content: [], footer: undefined, header: () => a4.header?.(page, 7) ?? '' })).toContain('副本 / 第3次补打');
      expect(a4.watermark?.text).toBe('副本');
      const en = buildNotice(sampleNotice(kind, { reprint: 1, language: 'en' }), 'a4');
      expect(text(en)).toContain('COPY – reprint 1');
    }
    const roll = buildNotice(sampleNotice('accepted', { reprint: 3 }), 'receipt');
    const content = roll.content as Content[];
    expect(text({ ...roll, content: content[0] ?? '' })).toContain('副本 / 第3次补打');
    expect(text({ ...roll, content: content.at(-1) ?? '' })).toContain('副本 / 第3次补打');
    const receipt = buildDeliveryReceipt(sampleDeliveryReceipt({ reprint: 2 }), 'a4');
    expect(text(receipt)).toContain('副本 / 第2次补打');
  });

  it('material tables repeat their heads on each page and never split a row', () => {
    const def = buildNotice(sampleNotice('correction', { materials: 300 }), 'a4');
    const lists = tables(def).filter((t) => ['received', 'toSupply', 'exempt'].includes(t.notice ?? ''));
    expect(lists).toHaveLength(3);
    for (const t of lists) {
      expect(t.table.headerRows).toBe(2); // the section heading and the column heads
      expect(t.table.dontBreakRows).toBe(true);
      expect(t.table.keepWithHeaderRows).toBe(1);
    }
    const names = text(def);
    for (let i = 1; i <= 300; i += 1) expect(names).toContain(`（第${i}项）`);
  });

  it('names the district above the title when the hall’s name does not', () => {
    const hall = { name: '行政服务中心', address: null, consultationPhone: null, supervisionPhone: null };
    expect(text(buildNotice({ ...sampleNotice('accepted'), hall, district: '徐汇区' }, 'a4'))).toContain('徐汇区行政服务中心');
    expect(text(buildNotice(sampleNotice('accepted'), 'a4'))).not.toContain('徐汇区徐汇区');
  });

  it('prints English as a courtesy copy: the Chinese version prevails', () => {
    for (const kind of NOTICE_KINDS) {
      const def = buildNotice(sampleNotice(kind, { language: 'en' }), 'a4');
      const all = text(def);
      expect(all).toContain('Courtesy translation for information only: the Chinese version prevails.');
      expect(all).toContain('本译本仅供参考，以中文文本为准。');
      expect(def.language).toBe('en');
    }
    const all = text(buildNotice(sampleNotice('accepted', { language: 'en' }), 'a4'));
    expect(all).toContain('Notice of Acceptance');
    expect(all).toContain('on or before 19 March 2026');
    expect(all).toContain('Document no.: ');
    expect(all).toContain('You applied for');
    expect(all).not.toContain('受理通知书');
    expect(text(buildNotice(sampleNotice('correction', { language: 'en', applicantKind: 'organisation' }), 'a4'))).toContain('Your organisation applied for');
    expect(text(buildNotice(sampleNotice('accepted', { language: 'zh-CN' }), 'a4'))).not.toContain('Chinese version prevails');
  });

  it('puts a long name in full into the definition (wrapping is the renderer’s job, never cutting)', () => {
    const name = '𠮷'.repeat(100) + '䶮'.repeat(100);
    const all = text(buildNotice(sampleNotice('accepted', { applicantName: name }), 'receipt'));
    expect(all).toContain(`${name}：`);
  });

  it('every language renders every kind', () => {
    for (const language of NOTICE_LANGUAGES) for (const kind of NOTICE_KINDS) expect(text(buildNotice(sampleNotice(kind, { language }), 'a4')).length).toBeGreaterThan(200);
  });
});

describe('notice data from a case', () => {
  const catalog: Pick<Catalog, 'items' | 'bundles' | 'departments' | 'halls'> = {
    bundles: [],
    halls: [
      { id: 'xh', name: { 'zh-CN': '上海市徐汇区行政服务中心', en: 'Xuhui Centre' }, address: { 'zh-CN': '上海市徐汇区示例路100号', en: '100 Sample Road' }, consultationPhone: '021-00000000', supervisionPhone: '12345' },
    ],
    departments: [
      {
        id: 'xh_samr',
        name: { 'zh-CN': '上海市徐汇区市场监督管理局', en: 'Xuhui Market Regulation' },
        signing: 'hall_entrusted',
        reviewBody: { 'zh-CN': '上海市徐汇区人民政府', en: 'Xuhui Government' },
        court: { 'zh-CN': '上海市徐汇区人民法院', en: 'Xuhui Court' },
      },
    ],
    items: [
      {
        code: '310104-SH-SP-001',
        name: { 'zh-CN': '食品经营许可（新办）', en: 'Food business licence (new)' },
        department: 'xh_samr',
        category: 'enterprises',
        kind: 'promised',
        itemType: 'administrative_licensing',
        legalLimitDays: 20,
        legalLimitUnit: 'working_days',
        promisedLimitDays: 10,
        promisedLimitUnit: 'working_days',
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
    dueDateProvisional: false,
    deadline: '2026-03-20',
    feeFen: 0,
    applicant: { kind: 'person', idType: 'resident_id', idNumber: '11010519491231002X', name: '李䶮', phone: '13800138000' },
    itemCodes: ['310104-SH-SP-001'],
    bundleCode: null,
    documentNo: null,
    rejectType: null,
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
  };
  const ctx = { kind: 'accepted' as const, language: 'zh-CN' as const, catalog, hall: '徐汇区行政服务中心', district: '徐汇区', issuedAt: '2026-03-05T06:07:00.000Z', reprint: null, qrPayload: 'QR' };

  it('takes the case, the catalog item (limits, legal basis, delivery), the issuer and hall, and what a missing material requires', () => {
    const d = noticeDataFromCase(detail, ctx);
    expect(d.documentNo).toBe(`SL-${SAMPLE_CASE_NO}`);
    expect(noticeDataFromCase({ ...detail, documentNo: '黄市监受〔2026〕T1-0001号' }, ctx).documentNo).toBe('黄市监受〔2026〕T1-0001号');
    expect(d.applicant).toMatchObject({ kind: 'person', name: '李䶮', idType: 'resident_id', phone: '13800138000' });
    expect(d.items[0]).toMatchObject({ itemType: 'administrative_licensing', legalLimit: { days: 20, unit: 'working_days' }, promisedLimit: { days: 10, unit: 'working_days' }, legalBasis: '《食品安全法》第三十五条' });
    expect(d.issuer).toEqual({ departments: ['上海市徐汇区市场监督管理局'], signing: 'hall_entrusted' });
    expect(d.hall).toEqual({ name: '上海市徐汇区行政服务中心', address: '上海市徐汇区示例路100号', consultationPhone: '021-00000000', supervisionPhone: '12345' });
    expect(d.dueDateProvisional).toBe(false);
    expect(noticeDataFromCase(detail, { ...ctx, provisional: (date) => date.startsWith('2026') }).dueDateProvisional).toBe(true);
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
    expect(d.hall?.name).toBe('Xuhui Centre');
  });

  it('names the 复议机关 and court of a rejected case from the catalog, and its reason type', () => {
    const d = noticeDataFromCase({ ...detail, outcome: 'rejected', rejectType: 'not_competent', rejectReason: null, competentAuthority: '上海市闵行区市场监督管理局' }, { ...ctx, kind: 'rejected' });
    expect(d.rejection).toEqual({ type: 'not_competent', reason: null, competentAuthority: '上海市闵行区市场监督管理局' });
    expect(d.redress).toEqual({ reviewBody: '上海市徐汇区人民政府', court: '上海市徐汇区人民法院' });
  });

  it('refuses a notice kind that does not fit the outcome', () => {
    expect(() => noticeDataFromCase(detail, { ...ctx, kind: 'rejected' })).toThrow(/notice_kind_mismatch/);
    expect(() => noticeDataFromCase({ ...detail, outcome: 'rejected' }, ctx)).toThrow(expect.objectContaining({ code: 'invalid_input', reason: 'notice_kind_mismatch' }));
  });

  it('still prints when the catalog no longer has the item', () => {
    const d = noticeDataFromCase(detail, { ...ctx, catalog: { items: [], bundles: [], departments: [], halls: [] } });
    expect(d.hall).toEqual({ name: '徐汇区行政服务中心', address: null, consultationPhone: null, supervisionPhone: null });
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
