import { describe, expect, it } from 'vitest';
import { allImmediate, buildMarks, defaultMarks, defaultOutcome, markIssues, outcomeIssues } from './rules.js';
import type { Checklist, ChecklistEntry, MarkForm, OutcomeForm } from './types.js';

const TODAY = '2026-06-01';

const entry = (id: string, over: Partial<ChecklistEntry> = {}): ChecklistEntry => ({
  id,
  name: { 'zh-CN': id, en: id },
  required: true,
  key: false,
  form: 'original',
  copies: 1,
  exemptByCertificate: null,
  ...over,
});

function checklist(entries: ChecklistEntry[], kinds: ('immediate' | 'promised')[] = ['promised']): Checklist {
  return {
    itemCodes: kinds.map((_, i) => `I${i}`),
    bundleCode: null,
    title: { 'zh-CN': '事项', en: 'Item' },
    items: kinds.map((kind, i) => ({ code: `I${i}`, name: { 'zh-CN': `I${i}`, en: `I${i}` }, kind, legalLimitDays: 20, promisedLimitDays: 10, feeFen: 0 })),
    entries,
  };
}

const received: MarkForm = { status: 'received', form: 'original', copies: '1', pages: '1', reason: '', problem: '' };
const mark = (over: Partial<MarkForm>): MarkForm => ({ ...received, ...over });
const outcome = (over: Partial<OutcomeForm>): OutcomeForm => ({ ...defaultOutcome(TODAY), ...over });

describe('defaults', () => {
  it('marks every entry received, in the form and copies the checklist asks, one page', () => {
    const marks = defaultMarks(checklist([entry('a', { form: 'copy', copies: 3 }), entry('b')]));
    expect(marks).toEqual([
      { status: 'received', form: 'copy', copies: '3', pages: '1', reason: '', problem: '' },
      { status: 'received', form: 'original', copies: '1', pages: '1', reason: '', problem: '' },
    ]);
  });

  it('starts with 受理 and both dates a week out', () => {
    expect(defaultOutcome(TODAY)).toEqual({ choice: 'accept', promisedDate: '2026-06-08', commitmentSigned: false, deadline: '2026-06-08', reason: '', competentAuthority: '' });
  });
});

describe('markIssues', () => {
  it('accepts the common marks', () => {
    expect(markIssues([received, mark({ status: 'missing' }), mark({ status: 'exempt', reason: '电子证照' }), mark({ status: 'to_correct', problem: '盖章不清' })])).toEqual({});
  });

  it('refuses copies outside 1..99 and pages outside 0..9999, by field path', () => {
    expect(markIssues([mark({ copies: '0', pages: '10000' }), mark({ copies: '1.5', pages: 'x' })])).toEqual({
      'materials.0.copies': { reason: 'copies_range' },
      'materials.0.pages': { reason: 'pages_range' },
      'materials.1.copies': { reason: 'copies_range' },
      'materials.1.pages': { reason: 'pages_range' },
    });
    expect(markIssues([mark({ copies: ' 99 ', pages: '0' })])).toEqual({});
  });

  it('asks an exemption and a correction for words (two and more, spaces not counted)', () => {
    expect(markIssues([mark({ status: 'exempt', reason: ' 证 ' }), mark({ status: 'to_correct', problem: 'x' })])).toEqual({
      'materials.0.reason': { reason: 'exempt_reason_short' },
      'materials.1.problem': { reason: 'problem_short' },
    });
  });
});

describe('buildMarks', () => {
  it('turns each mark into what the intake input takes, numbers as numbers and words trimmed', () => {
    const list = checklist([entry('a'), entry('b'), entry('c'), entry('d'), entry('e')]);
    const marks = [mark({ copies: '2', pages: '7' }), mark({ status: 'exempt', reason: ' 电子证照 ' }), mark({ status: 'to_correct', problem: ' 缺页 ' }), mark({ status: 'missing' })];
    expect(buildMarks(list, marks)).toEqual([
      { entryId: 'a', status: 'received', form: 'original', copies: 2, pages: 7 },
      { entryId: 'b', status: 'exempt', reason: '电子证照' },
      { entryId: 'c', status: 'to_correct', problem: '缺页' },
      { entryId: 'd', status: 'missing' },
      // An entry without a mark is missing, never received by accident.
      { entryId: 'e', status: 'missing' },
    ]);
  });
});

describe('outcomeIssues', () => {
  const list = checklist([entry('a', { key: true }), entry('b'), entry('c', { required: false })]);
  const all = [received, received, received];

  it('allows 受理 with every required material', () => {
    expect(outcomeIssues(list, [received, received, mark({ status: 'missing' })], outcome({ choice: 'accept' }), TODAY)).toEqual({});
  });

  it('refuses 受理 with a required material missing, and any material to correct first', () => {
    const marks = [mark({ status: 'to_correct', problem: '缺页' }), mark({ status: 'missing' }), received];
    expect(outcomeIssues(list, marks, outcome({ choice: 'accept' }), TODAY)).toEqual({
      'materials.0': { reason: 'material_needs_correction' },
      'materials.1': { reason: 'required_material_missing' },
    });
  });

  it('counts an exempt material as there', () => {
    expect(outcomeIssues(list, [mark({ status: 'exempt', reason: '电子证照' }), received, received], outcome({ choice: 'accept' }), TODAY)).toEqual({});
  });

  it('allows 即办 only when every item is immediate', () => {
    expect(outcomeIssues(list, all, outcome({ choice: 'complete' }), TODAY)).toEqual({ target: { reason: 'not_immediate' } });
    expect(outcomeIssues(checklist(list.entries, ['immediate', 'immediate']), all, outcome({ choice: 'complete' }), TODAY)).toEqual({});
    expect(allImmediate(checklist([], ['immediate', 'promised']))).toBe(false);
  });

  it('asks 容缺 for a gap, no key material missing, a later promised date and the signed commitment', () => {
    expect(outcomeIssues(list, all, outcome({ choice: 'gaps', promisedDate: TODAY }), TODAY)).toEqual({
      gaps: { reason: 'gaps_without_missing' },
      'gaps.promisedDate': { reason: 'date_not_future' },
      'gaps.commitmentSigned': { reason: 'commitment_unsigned' },
    });
    const gap = [mark({ status: 'missing' }), mark({ status: 'missing' }), received];
    expect(outcomeIssues(list, gap, outcome({ choice: 'gaps', promisedDate: '2026-13-01', commitmentSigned: true }), TODAY)).toEqual({
      'materials.0': { reason: 'key_material_missing' },
      'gaps.promisedDate': { reason: 'date_invalid' },
    });
    const allowed = [received, mark({ status: 'missing' }), received];
    expect(outcomeIssues(list, allowed, outcome({ choice: 'gaps', promisedDate: '2026-06-02', commitmentSigned: true }), TODAY)).toEqual({});
  });

  it('asks 补正 for something to supply and a later deadline', () => {
    expect(outcomeIssues(list, all, outcome({ choice: 'correction', deadline: '2026-05-31' }), TODAY)).toEqual({
      materials: { reason: 'correction_empty' },
      deadline: { reason: 'date_not_future' },
    });
    // A missing optional material is nothing to correct; a missing required one is.
    expect(outcomeIssues(list, [received, received, mark({ status: 'missing' })], outcome({ choice: 'correction' }), TODAY)).toEqual({ materials: { reason: 'correction_empty' } });
    expect(outcomeIssues(list, [received, mark({ status: 'missing' }), received], outcome({ choice: 'correction' }), TODAY)).toEqual({});
    expect(outcomeIssues(list, [received, mark({ status: 'to_correct', problem: '缺页' }), received], outcome({ choice: 'correction' }), TODAY)).toEqual({});
  });

  it('asks 不予受理 for a reason of four and more characters and the competent authority', () => {
    expect(outcomeIssues(list, all, outcome({ choice: 'reject', reason: '不符', competentAuthority: '局' }), TODAY)).toEqual({
      reason: { reason: 'reject_reason_short' },
      competentAuthority: { reason: 'authority_short' },
    });
    expect(outcomeIssues(list, all, outcome({ choice: 'reject', reason: '不属本机关', competentAuthority: '市场监管局' }), TODAY)).toEqual({});
  });
});
