import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { person, receivedMarks, signedInTerminal, type Call } from '../../tests/support/intake.js';
import { pendingCommands } from '../db/outbox.js';

const FOOD_LICENCE = '310101-SH-QY-006'; // 上海市黄浦区市场监督管理局
const COMPANY_CHANGE = '310101-SH-QY-003'; // the same department
const HOUSEHOLD_MOVE_IN = '310101-SH-JM-001'; // 上海市公安局黄浦分局
const BIRTH_BUNDLE = '310101-SH-YJS-001'; // 出生一件事: 卫健, 公安, 医保, 人社

async function accept(call: Call, target: { itemCodes: string[] } | { bundleCode: string }): Promise<string> {
  const r = await call('cases.accept', { intakeId: randomUUID(), applicant: person(), target, materials: await receivedMarks(call, target) });
  if (!r.ok) throw new Error(`${r.error.reason}: ${r.error.message}`);
  return r.value.caseNo;
}

describe('文号 of decision notices', () => {
  it('counts per department and year, with the terminal code making it unique offline; a bundle across departments takes the hall’s', async () => {
    const { ctx, call } = await signedInTerminal();
    const cases = [
      await accept(call, { itemCodes: [FOOD_LICENCE] }),
      await accept(call, { itemCodes: [HOUSEHOLD_MOVE_IN] }),
      await accept(call, { itemCodes: [COMPANY_CHANGE] }),
      await accept(call, { bundleCode: BIRTH_BUNDLE }),
    ];
    const numbers = [];
    for (const caseNo of cases) {
      const d = await call('cases.get', { caseNo });
      numbers.push(d.ok ? d.value.documentNo : d.error.message);
    }
    expect(numbers).toEqual(['黄市监受〔2026〕T3101040007-0001号', '沪公黄受〔2026〕T3101040007-0001号', '黄市监受〔2026〕T3101040007-0002号', '黄政服受〔2026〕T3101040007-0001号']);
    // The centre learns the number with the case; the notice prints it.
    const sent = pendingCommands(ctx.store.db).filter((c) => c.name === 'acceptCase').map((c) => (c.args as { documentNo?: string }).documentNo);
    expect(sent).toEqual(numbers);
    const preview = await call('notices.preview', { caseNo: cases[0]!, layout: 'a4', language: 'zh-CN' });
    expect(preview.ok && preview.value.documentNo).toBe(numbers[0]);
  });
});
