import type { Catalog, FeePayAt, Localized } from '../catalog/schema.js';
import { sumFen } from '../money/fen.js';

/**
 * What a case owes, line by line: one line per item with a fee (a 一件事 bundle is the sum of its
 * items), each with its basis (收费依据) and when it is taken. The amount a case owes is the one fixed
 * at intake (`cases.fee_fen`, printed on its 受理通知书); the lines come from the catalog the terminal
 * holds. When that catalog's fees no longer add up to the case's (a later import changed a fee, or
 * removed an item), the case owes what it was told: one line of its total, taken at delivery.
 */
export interface FeeLine {
  /** The item's code; `case` for the one line of a case whose catalog fees changed since intake. */
  itemCode: string;
  name: Localized;
  amountFen: number;
  basis: Localized | null;
  note: Localized | null;
  payAt: FeePayAt;
}

export function feeLines(catalog: Pick<Catalog, 'items'>, itemCodes: readonly string[], caseFeeFen: number): FeeLine[] {
  if (caseFeeFen === 0) return [];
  const lines: FeeLine[] = [];
  for (const code of itemCodes) {
    const item = catalog.items.find((i) => i.code === code);
    if (!item) return [wholeCase(caseFeeFen)];
    if (item.fee.amountFen === 0) continue;
    lines.push({ itemCode: code, name: item.name, amountFen: item.fee.amountFen, basis: item.fee.basis ?? null, note: item.fee.note ?? null, payAt: item.fee.payAt ?? 'delivery' });
  }
  return sumFen(lines.map((l) => l.amountFen)) === caseFeeFen ? lines : [wholeCase(caseFeeFen)];
}

function wholeCase(amountFen: number): FeeLine {
  return { itemCode: 'case', name: { 'zh-CN': '本件收费（受理时核定）', en: 'Fee of this case (as set at intake)' }, amountFen, basis: null, note: null, payAt: 'delivery' };
}

/** What the lines ask for at a stage: at intake the lines taken then, at delivery all of them. */
export function dueByStage(lines: readonly FeeLine[], stage: FeePayAt): number {
  return sumFen(lines.filter((l) => stage === 'delivery' || l.payAt === 'intake').map((l) => l.amountFen));
}

/**
 * What a case owes: the fee fixed at intake for a case that was taken (accepted, or done on the spot);
 * nothing for a correction (the fee comes with the resubmission) or a refusal.
 */
export function owedFen(outcome: string, caseFeeFen: number): number {
  return outcome === 'accepted' || outcome === 'completed' ? caseFeeFen : 0;
}
