import { documentNumber } from './from-case.js';
import type { DeliveryReceiptData, NoticeData, NoticeKind, NoticeLanguage, NoticeMaterial, PaymentSlipData } from './types.js';

/**
 * Sample notice data for tests, benchmarks and a print preview with no case at hand. The applicant's
 * name has rare characters on purpose: 𠮷 (U+20BB7, Extension B) and 䶮 (U+4DAE, Extension A).
 */
export interface SampleOptions {
  language?: NoticeLanguage;
  materials?: number;
  applicantName?: string;
  reprint?: number | null;
  withGaps?: boolean;
}

export const SAMPLE_CASE_NO = 'T3101040007-20260305-0042';
export const SAMPLE_NAME = '王𠮷䶮';

const MATERIAL_NAMES = ['居民身份证', '营业执照', '房屋租赁合同', '申请表', '授权委托书', '法定代表人身份证明', '场地平面图', '卫生许可证', '消防验收合格证明', '从业人员健康证明'];

export function sampleMaterials(count: number, kind: NoticeKind): NoticeMaterial[] {
  return Array.from({ length: count }, (_, i): NoticeMaterial => {
    const name = `${MATERIAL_NAMES[i % MATERIAL_NAMES.length] ?? '材料'}（第${i + 1}项）`;
    if (kind === 'correction' && i % 3 === 1) return { name, required: true, status: 'to_correct', form: 'copy', copies: 1, pages: null, note: '复印件不清晰，请提供清晰复印件并加盖公章', promisedDate: null };
    if (kind === 'correction' && i % 3 === 2) return { name, required: true, status: 'missing', form: 'original', copies: 1, pages: null, note: null, promisedDate: null };
    if (i % 7 === 3) return { name, required: true, status: 'exempt', form: null, copies: null, pages: null, note: '电子证照 310104-DZZZ-2026-000123', promisedDate: null };
    return { name, required: true, status: 'received', form: i % 2 === 0 ? 'original_and_copy' : 'copy', copies: 1 + (i % 2), pages: 1 + (i % 4), note: null, promisedDate: null };
  });
}

export function sampleNotice(kind: NoticeKind, options: SampleOptions = {}): NoticeData {
  const language = options.language ?? 'zh-CN';
  const zh = language === 'zh-CN';
  const materials = sampleMaterials(options.materials ?? 10, kind);
  const withGaps = kind === 'accepted' && (options.withGaps ?? false);
  if (withGaps) materials.push({ name: zh ? '消防安全检查合格证明' : 'Fire safety inspection certificate', required: true, status: 'missing', form: 'original', copies: 1, pages: null, note: null, promisedDate: '2026-03-20' });
  return {
    kind,
    language,
    documentNo: documentNumber(kind, SAMPLE_CASE_NO),
    caseNo: SAMPLE_CASE_NO,
    title: zh ? '食品经营许可（新办）' : 'Food business licence (new)',
    withGaps,
    applicant: {
      kind: 'person',
      name: options.applicantName ?? SAMPLE_NAME,
      idType: 'resident_id',
      idNumber: '11010519491231002X',
      phone: '13800138000',
      address: zh ? '上海市徐汇区漕溪北路 595 号' : '595 Caoxi North Road, Xuhui District, Shanghai',
      legalRep: null,
      agent: null,
    },
    items: [
      {
        code: '310104-SH-SP-001',
        name: zh ? '食品经营许可（新办）' : 'Food business licence (new)',
        department: zh ? '徐汇区市场监督管理局' : 'Xuhui District Administration for Market Regulation',
        kind: kind === 'completed' ? 'immediate' : 'promised',
        legalLimitDays: kind === 'completed' ? 0 : 20,
        promisedLimitDays: kind === 'completed' ? 0 : 10,
        legalBasis: zh ? '《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》' : 'Food Safety Law of the PRC, Article 35; Measures for Food Business Licensing and Filing',
      },
    ],
    receivedAt: '2026-03-05T06:05:00.000Z',
    acceptedAt: kind === 'accepted' || kind === 'completed' ? '2026-03-05T06:05:00.000Z' : null,
    issuedAt: '2026-03-05T06:07:00.000Z',
    dueDate: kind === 'accepted' ? '2026-03-19' : kind === 'completed' ? '2026-03-05' : null,
    deadline: kind === 'correction' ? '2026-03-12' : withGaps ? '2026-03-20' : null,
    legalLimitDays: kind === 'completed' ? 0 : 20,
    promisedLimitDays: kind === 'completed' ? 0 : 10,
    materials,
    feeFen: kind === 'completed' ? 0 : 5000,
    staff: zh ? '李明' : 'Li Ming',
    windowNo: '12',
    hall: zh ? '徐汇区行政服务中心' : 'Xuhui District Administrative Service Center',
    district: zh ? '徐汇区' : 'Xuhui District',
    delivery: ['window', 'mail'],
    rejectReason: kind === 'rejected' ? (zh ? '申请事项不属于本机关职权范围：经营场所位于闵行区，应向闵行区市场监督管理局申请。' : "The premises are in Minhang District, outside this office's remit.") : null,
    competentAuthority: kind === 'rejected' ? (zh ? '闵行区市场监督管理局（闵行区行政服务中心）' : 'Minhang District Administration for Market Regulation') : null,
    redress: kind === 'rejected' ? { reviewBody: zh ? '徐汇区人民政府' : "the Xuhui District People's Government", court: zh ? '徐汇区人民法院' : "the Xuhui District People's Court" } : null,
    reprint: options.reprint ?? null,
    qrPayload: `OW1.${SAMPLE_CASE_NO}.${kind}`,
  };
}

export function sampleDeliveryReceipt(options: SampleOptions = {}): DeliveryReceiptData {
  const zh = (options.language ?? 'zh-CN') === 'zh-CN';
  return {
    language: options.language ?? 'zh-CN',
    documentNo: documentNumber('delivery', SAMPLE_CASE_NO),
    caseNo: SAMPLE_CASE_NO,
    title: zh ? '食品经营许可（新办）' : 'Food business licence (new)',
    applicantName: options.applicantName ?? SAMPLE_NAME,
    result: zh ? '食品经营许可证正本 1 份、副本 1 份' : 'Food business licence, original and duplicate',
    collector: { name: options.applicantName ?? SAMPLE_NAME, idType: 'resident_id', idNumber: '11010519491231002X', relation: 'self' },
    collectedAt: '2026-03-19T02:30:00.000Z',
    staff: zh ? '张喆' : 'Zhang Zhe',
    windowNo: '3',
    hall: zh ? '徐汇区行政服务中心' : 'Xuhui District Administrative Service Center',
    district: zh ? '徐汇区' : 'Xuhui District',
    reprint: options.reprint ?? null,
    qrPayload: `OW1.${SAMPLE_CASE_NO}.delivery`,
  };
}

export function samplePaymentSlip(options: SampleOptions = {}): PaymentSlipData {
  const zh = (options.language ?? 'zh-CN') === 'zh-CN';
  return {
    language: options.language ?? 'zh-CN',
    kind: 'payment',
    documentNo: 'SF-T3101040007-20260319-0001',
    caseNo: SAMPLE_CASE_NO,
    title: zh ? '居民身份证换领' : 'Resident ID card: renewal',
    applicantName: options.applicantName ?? SAMPLE_NAME,
    method: 'cash',
    amountFen: 2000,
    tenderedFen: 5000,
    changeFen: 3000,
    reference: null,
    billNo: null,
    refundOf: null,
    lines: [{ name: zh ? '居民身份证换领' : 'Resident ID card: renewal', amountFen: 2000, basis: zh ? '发改价格〔2003〕2322号' : 'Fa Gai Jia Ge [2003] No. 2322' }],
    dueFen: 2000,
    outstandingFen: 0,
    supervisor: null,
    reason: null,
    at: '2026-03-19T02:30:00.000Z',
    staff: zh ? '张喆' : 'Zhang Zhe',
    windowNo: '3',
    hall: zh ? '徐汇区行政服务中心' : 'Xuhui District Administrative Service Center',
    district: zh ? '徐汇区' : 'Xuhui District',
    reprint: options.reprint ?? null,
  };
}
