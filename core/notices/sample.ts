import type { ItemType, SigningMode } from '../catalog/schema.js';
import type { RejectionType } from '../intake/schema.js';
import { documentNumber } from './from-case.js';
import type { DeliveryReceiptData, NoticeApplicant, NoticeData, NoticeHall, NoticeItem, NoticeKind, NoticeLanguage, NoticeMaterial } from './types.js';

/**
 * Sample notice data for tests, benchmarks and a print preview with no case at hand. The applicant's
 * name has rare characters on purpose: 𠮷 (U+20BB7, Extension B) and 䶮 (U+4DAE, Extension A). One
 * sample item per 事项类型 (`itemType`), each with its department, limits in their units and basis.
 */
export interface SampleOptions {
  language?: NoticeLanguage;
  materials?: number;
  applicantName?: string;
  reprint?: number | null;
  withGaps?: boolean;
  itemType?: ItemType;
  applicantKind?: NoticeApplicant['kind'];
  rejectionType?: RejectionType;
  /** Overrides how the item's department signs. */
  signing?: SigningMode;
  dueDateProvisional?: boolean;
}

export const SAMPLE_CASE_NO = 'T3101040007-20260305-0042';
export const SAMPLE_NAME = '王𠮷䶮';
export const SAMPLE_ORGANISATION = '上海𠮷祥餐饮管理有限公司';

const MATERIAL_NAMES = ['居民身份证', '营业执照', '房屋租赁合同', '申请表', '授权委托书', '法定代表人身份证明', '场地平面图', '卫生许可证', '消防验收合格证明', '从业人员健康证明'];

type Bilingual = { zh: string; en: string };
interface SampleItem {
  code: string;
  name: Bilingual;
  department: Bilingual;
  signing: SigningMode;
  legal: NoticeItem['legalLimit'];
  basis: Bilingual;
}

const W = 'working_days' as const;
const N = 'natural_days' as const;
/** Every sample item promises 10 working days, so every accepted sample is due 19 March 2026. */
export const SAMPLE_ITEMS: Record<ItemType, SampleItem> = {
  administrative_licensing: {
    code: '310104-SH-QY-006',
    name: { zh: '食品经营许可（新办）', en: 'Food business licence (new)' },
    department: { zh: '上海市徐汇区市场监督管理局', en: 'Shanghai Xuhui District Administration for Market Regulation' },
    signing: 'hall_entrusted',
    // 食品经营许可和备案管理办法 (2023): 10 working days.
    legal: { days: 10, unit: W },
    basis: { zh: '《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》', en: 'Food Safety Law of the PRC, Article 35; Measures for Food Business Licensing and Filing' },
  },
  administrative_confirmation: {
    code: '310104-SH-JM-006',
    name: { zh: '居民身份证换领', en: 'Resident ID card renewal' },
    department: { zh: '上海市公安局徐汇分局', en: 'Xuhui Sub-bureau of the Shanghai Municipal Public Security Bureau' },
    signing: 'own_seal',
    // 居民身份证法 §12: 60日 (natural days).
    legal: { days: 60, unit: N },
    basis: { zh: '《中华人民共和国居民身份证法》第十二条', en: 'Resident Identity Card Law of the PRC, Article 12' },
  },
  administrative_payment: {
    code: '310104-SH-JM-010',
    name: { zh: '最低生活保障申请', en: 'Minimum living allowance' },
    department: { zh: '上海市徐汇区民政局', en: 'Shanghai Xuhui District Civil Affairs Bureau' },
    signing: 'hall_entrusted',
    legal: { days: 30, unit: N },
    basis: { zh: '《社会救助暂行办法》；《上海市社会救助条例》', en: 'Interim Measures for Social Assistance; Shanghai Regulations on Social Assistance' },
  },
  administrative_adjudication: {
    code: '310104-SH-QT-009',
    name: { zh: '土地权属争议处理', en: 'Land ownership dispute settlement' },
    department: { zh: '上海市徐汇区规划和自然资源局', en: 'Shanghai Xuhui District Planning and Natural Resources Bureau' },
    signing: 'hall_entrusted',
    legal: { days: 30, unit: W },
    basis: { zh: '《中华人民共和国土地管理法》第十四条；《土地权属争议调查处理办法》', en: 'Land Administration Law of the PRC, Article 14; Measures for Land Ownership Disputes' },
  },
  other_power: {
    code: '310104-SH-JS-003',
    name: { zh: '房屋建筑和市政基础设施工程竣工验收备案', en: 'Completion acceptance filing of building works' },
    department: { zh: '上海市徐汇区建设和管理委员会', en: 'Shanghai Xuhui District Construction and Management Commission' },
    signing: 'hall_entrusted',
    legal: { days: 15, unit: W },
    basis: { zh: '《建设工程质量管理条例》第四十九条', en: 'Regulations on the Quality of Construction Works, Article 49' },
  },
  public_service: {
    code: '310104-SH-SB-001',
    name: { zh: '社会保障卡申领', en: 'Social security card application' },
    department: { zh: '上海市徐汇区人力资源和社会保障局', en: 'Shanghai Xuhui District Human Resources and Social Security Bureau' },
    signing: 'hall_entrusted',
    legal: { days: 20, unit: W },
    basis: { zh: '《中华人民共和国社会保险法》', en: 'Social Insurance Law of the PRC' },
  },
};

export function sampleHall(language: NoticeLanguage = 'zh-CN'): NoticeHall {
  const zh = language === 'zh-CN';
  return {
    name: zh ? '上海市徐汇区行政服务中心' : 'Shanghai Xuhui District Administrative Service Centre',
    address: zh ? '上海市徐汇区示例路100号' : '100 Sample Road, Xuhui District, Shanghai',
    consultationPhone: '021-00000000',
    supervisionPhone: '12345',
  };
}

export function sampleMaterials(count: number, kind: NoticeKind): NoticeMaterial[] {
  return Array.from({ length: count }, (_, i): NoticeMaterial => {
    const name = `${MATERIAL_NAMES[i % MATERIAL_NAMES.length] ?? '材料'}（第${i + 1}项）`;
    if (kind === 'correction' && i % 3 === 1) return { name, required: true, status: 'to_correct', form: 'copy', copies: 1, pages: null, note: '复印件不清晰，请提供清晰复印件并加盖公章', promisedDate: null };
    if (kind === 'correction' && i % 3 === 2) return { name, required: true, status: 'missing', form: 'original', copies: 1, pages: null, note: null, promisedDate: null };
    if (i % 7 === 3) return { name, required: true, status: 'exempt', form: null, copies: null, pages: null, note: '电子证照编号：310104-DZZZ-2026-000123', promisedDate: null };
    return { name, required: true, status: 'received', form: i % 2 === 0 ? 'original_and_copy' : 'copy', copies: 1 + (i % 2), pages: 1 + (i % 4), note: null, promisedDate: null };
  });
}

function sampleApplicant(kind: NoticeApplicant['kind'], name: string | undefined, zh: boolean): NoticeApplicant {
  if (kind === 'organisation') {
    return {
      kind,
      name: name ?? SAMPLE_ORGANISATION,
      idType: 'uscc',
      idNumber: '91350100M000100Y43',
      phone: '021-64871234',
      address: zh ? '上海市徐汇区天钥桥路1号' : '1 Tianyaoqiao Road, Xuhui District, Shanghai',
      legalRep: { name: '陈堃', idType: 'resident_id', idNumber: '11010519491231002X' },
      agent: null,
    };
  }
  return {
    kind,
    name: name ?? SAMPLE_NAME,
    idType: 'resident_id',
    idNumber: '11010519491231002X',
    phone: '13800138000',
    address: zh ? '上海市徐汇区漕溪北路595号' : '595 Caoxi North Road, Xuhui District, Shanghai',
    legalRep: null,
    agent: null,
  };
}

export function sampleNotice(kind: NoticeKind, options: SampleOptions = {}): NoticeData {
  const language = options.language ?? 'zh-CN';
  const zh = language === 'zh-CN';
  const pick = (b: Bilingual): string => (zh ? b.zh : b.en);
  const materials = sampleMaterials(options.materials ?? 10, kind);
  const withGaps = kind === 'accepted' && (options.withGaps ?? false);
  if (withGaps) {
    materials.push({ name: zh ? '消防安全检查合格证明' : 'Fire safety inspection certificate', required: true, status: 'missing', form: 'original', copies: 1, pages: null, note: null, promisedDate: '2026-03-18' });
    materials.push({ name: zh ? '容缺受理承诺书' : 'Signed commitment to supply the missing materials (容缺受理承诺书)', required: true, status: 'received', form: 'original', copies: 1, pages: 1, note: null, promisedDate: null });
  }
  const itemType = options.itemType ?? 'administrative_licensing';
  const sample = SAMPLE_ITEMS[itemType];
  const immediate = kind === 'completed';
  const item: NoticeItem = {
    code: sample.code,
    name: pick(sample.name),
    department: pick(sample.department),
    kind: immediate ? 'immediate' : 'promised',
    itemType,
    legalLimit: immediate ? { days: 0, unit: W } : sample.legal,
    promisedLimit: { days: immediate ? 0 : 10, unit: W },
    legalBasis: pick(sample.basis),
  };
  const rejectionType = options.rejectionType ?? 'not_competent';
  const rejected = kind === 'rejected';
  return {
    kind,
    language,
    documentNo: documentNumber(kind, SAMPLE_CASE_NO),
    caseNo: SAMPLE_CASE_NO,
    title: item.name,
    withGaps,
    applicant: sampleApplicant(options.applicantKind ?? 'person', options.applicantName, zh),
    items: [item],
    issuer: { departments: [item.department], signing: options.signing ?? sample.signing },
    receivedAt: '2026-03-05T06:05:00.000Z',
    acceptedAt: kind === 'accepted' || kind === 'completed' ? '2026-03-05T06:05:00.000Z' : null,
    issuedAt: '2026-03-05T06:07:00.000Z',
    dueDate: kind === 'accepted' ? '2026-03-19' : kind === 'completed' ? '2026-03-05' : null,
    dueDateProvisional: options.dueDateProvisional ?? false,
    deadline: kind === 'correction' ? '2026-03-12' : withGaps ? '2026-03-18' : null,
    materials,
    feeFen: kind === 'completed' ? 0 : 5000,
    staff: zh ? '李明' : 'Li Ming',
    windowNo: '12',
    hall: sampleHall(language),
    district: zh ? '徐汇区' : 'Xuhui District',
    delivery: ['window', 'mail'],
    rejection: rejected
      ? {
          type: rejectionType,
          reason:
            rejectionType === 'no_licence_needed'
              ? null
              : rejectionType === 'not_competent'
                ? zh ? '经营场所位于闵行区。' : 'The premises are in Minhang District.'
                : zh ? '申请人不具备申请资格：申请人未满十八周岁。' : 'The applicant is not eligible: under eighteen years of age.',
          competentAuthority: rejectionType === 'not_competent' ? (zh ? '上海市闵行区市场监督管理局（上海市闵行区行政服务中心）' : 'Shanghai Minhang District Administration for Market Regulation') : null,
        }
      : null,
    redress:
      rejected && itemType !== 'public_service'
        ? { reviewBody: zh ? '上海市徐汇区人民政府' : "the Shanghai Xuhui District People's Government", court: zh ? '上海市徐汇区人民法院' : "the Shanghai Xuhui District People's Court" }
        : null,
    reprint: options.reprint ?? null,
    qrPayload: `OW1.${SAMPLE_CASE_NO}.${kind}`,
  };
}

export function sampleDeliveryReceipt(options: SampleOptions = {}): DeliveryReceiptData {
  const language = options.language ?? 'zh-CN';
  const zh = language === 'zh-CN';
  return {
    language,
    documentNo: documentNumber('delivery', SAMPLE_CASE_NO),
    caseNo: SAMPLE_CASE_NO,
    title: zh ? '食品经营许可（新办）' : 'Food business licence (new)',
    applicantName: options.applicantName ?? SAMPLE_NAME,
    result: zh ? '食品经营许可证正本1份、副本1份' : 'Food business licence, original and duplicate',
    collector: { name: options.applicantName ?? SAMPLE_NAME, idType: 'resident_id', idNumber: '11010519491231002X', relation: 'self' },
    collectedAt: '2026-03-19T02:30:00.000Z',
    staff: zh ? '张喆' : 'Zhang Zhe',
    windowNo: '3',
    hall: sampleHall(language),
    district: zh ? '徐汇区' : 'Xuhui District',
    reprint: options.reprint ?? null,
    qrPayload: `OW1.${SAMPLE_CASE_NO}.delivery`,
  };
}
