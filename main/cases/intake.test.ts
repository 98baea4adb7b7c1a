import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { steppingClock } from '../../tests/support/clock.js';
import { acceptInput, CLERK, counts, type ApplicantArg, person, receivedMarks, RESIDENCE_PERMIT, RESIDENCE_REGISTRATION, signedInTerminal, SUPERVISOR, VALID_ID, VALID_USCC } from '../../tests/support/intake.js';
import { idCardCheckChar } from '../../core/applicant/index.js';
import { verifyAudit } from '../db/audit.js';
import { pendingCommands } from '../../tests/support/outbox.js';

// The stepping test clock starts at 2026-11-26T01:00Z: business day Thursday 2026-11-26 in UTC+8.
const futureId = (): string => `11010520270101001${idCardCheckChar('11010520270101001')}`;
const TODAY = '2026-11-26';

describe('cases.accept', () => {
  it('accepts a case with every material received: number, due date, journal and outbox in one go', async () => {
    const { ctx, call } = await signedInTerminal();
    const before = counts(ctx);
    const r = await call('cases.accept', await acceptInput(call));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.caseNo).toBe('T3101040007-20261126-0001');
    expect(r.value.outcome).toBe('accepted');
    // 10 working days after Thu 26 Nov, not counting the day itself: 27 Nov, 30 Nov–4 Dec, 7–10 Dec.
    expect(r.value.dueDate).toBe('2026-12-10');
    expect(r.value.applicantName).toBe('王𠮷');
    const after = counts(ctx);
    expect(after.cases - before.cases).toBe(1);
    expect(after.outbox - before.outbox).toBe(1);
    const [command] = pendingCommands(ctx.store.db).filter((c) => c.name === 'acceptCase');
    expect(command?.args).toMatchObject({ caseNo: r.value.caseNo, terminalCode: 'T3101040007', staff: 'wang', outcome: 'accepted' });
    expect(JSON.stringify(command?.args)).not.toContain('supervisorPassword');
    expect(verifyAudit(ctx.store.db)).toMatchObject({ ok: true });
    const detail = await call('cases.get', { caseNo: r.value.caseNo });
    expect(detail.ok && detail.value.journal.map((j) => j.action)).toEqual(['case.accepted']);
  });

  it('numbers cases 0001, 0002 … within the day', async () => {
    const { call } = await signedInTerminal();
    const nos: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const r = await call('cases.accept', await acceptInput(call));
      if (r.ok) nos.push(r.value.caseNo);
    }
    expect(nos).toEqual(['T3101040007-20261126-0001', 'T3101040007-20261126-0002', 'T3101040007-20261126-0003']);
  });

  it('refuses a second submission of the same intake, changing nothing', async () => {
    const { ctx, call } = await signedInTerminal();
    const input = await acceptInput(call);
    expect((await call('cases.accept', input)).ok).toBe(true);
    const before = counts(ctx);
    expect(await call('cases.accept', input)).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'already_decided' } });
    expect(await call('cases.reject', { ...input, reason: '不属于本机关职权范围', competentAuthority: '区民政局' })).toMatchObject({
      ok: false,
      error: { reason: 'already_decided' },
    });
    expect(counts(ctx)).toEqual(before);
  });

  it('refuses a required material missing, naming it, and changes nothing', async () => {
    const { ctx, call } = await signedInTerminal();
    const target = { itemCodes: [RESIDENCE_PERMIT] };
    const materials = await receivedMarks(call, target, { [`${RESIDENCE_PERMIT}#employment_proof`]: 'missing' });
    const before = counts(ctx);
    const r = await call('cases.accept', { intakeId: randomUUID(), applicant: person(), target, materials });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', reason: 'required_material_missing', field: 'materials.2' } });
    expect(counts(ctx)).toEqual(before);
  });

  it('accepts with gaps (容缺) when only non-key materials are missing, against a promised date', async () => {
    const { call } = await signedInTerminal();
    const target = { itemCodes: [RESIDENCE_PERMIT] };
    const materials = await receivedMarks(call, target, { [`${RESIDENCE_PERMIT}#housing_proof`]: 'missing' });
    const r = await call('cases.accept', { intakeId: randomUUID(), applicant: person(), target, materials, gaps: { promisedDate: '2026-12-03', commitmentSigned: true } });
    expect(r).toMatchObject({ ok: true, value: { withGaps: true, deadline: '2026-12-03', dueDate: '2026-12-10' } });
  });

  it('refuses 容缺 when a key material is missing', async () => {
    const { call } = await signedInTerminal();
    const target = { itemCodes: [RESIDENCE_PERMIT] };
    const materials = await receivedMarks(call, target, { [`${RESIDENCE_PERMIT}#employment_proof`]: 'missing' });
    const r = await call('cases.accept', { intakeId: randomUUID(), applicant: person(), target, materials, gaps: { promisedDate: '2026-12-03', commitmentSigned: true } });
    expect(r).toMatchObject({ ok: false, error: { reason: 'key_material_missing' } });
  });

  it('refuses an item code that is not in the catalog', async () => {
    const { ctx, call } = await signedInTerminal();
    const before = counts(ctx);
    const r = await call('cases.accept', { intakeId: randomUUID(), applicant: person(), target: { itemCodes: ['NO-SUCH-ITEM'] }, materials: [] });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found', reason: 'item_unknown', field: 'target.itemCodes.0' } });
    expect(counts(ctx)).toEqual(before);
  });

  it.each([
    ['wrong check digit', { idNumber: '110105194912310021' }, 'applicant.idNumber', 'id_checksum'],
    ['impossible birth date', { idNumber: '110105199902300012' }, 'applicant.idNumber', 'id_birth_date_invalid'],
    ['15-digit old number', { idNumber: '110105491231002' }, 'applicant.idNumber', 'id_old_format'],
    // Born 2027-01-01, after the terminal's day (2026-11-26); check character computed by GB 11643.
    ['future birth date', { idNumber: futureId() }, 'applicant.idNumber', 'id_birth_date_future'],
    ['empty name', { name: '  ' }, 'applicant.name', 'name_empty'],
    ['2,000-character name', { name: '王'.repeat(2000) }, 'applicant.name', 'name_too_long'],
  ])('refuses an applicant with a %s, naming the field, changing nothing', async (_label, change, field, reason) => {
    const { ctx, call } = await signedInTerminal();
    const before = counts(ctx);
    const r = await call('cases.accept', await acceptInput(call, RESIDENCE_PERMIT, person(change)));
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field, reason } });
    expect(counts(ctx)).toEqual(before);
  });

  it('accepts lowercase x and full-width digits, storing the normalised number', async () => {
    const { call } = await signedInTerminal();
    const r = await call('cases.accept', await acceptInput(call, RESIDENCE_PERMIT, person({ idNumber: '１１０１０５１９４９１２３１００２x' })));
    expect(r).toMatchObject({ ok: true, value: { applicantIdNumber: VALID_ID } });
  });

  it('stores script tags and SQL typed into text fields as plain text', async () => {
    const { ctx, call } = await signedInTerminal();
    const name = "<script>alert(1)</script>'); DROP TABLE cases;--";
    const input = await acceptInput(call, RESIDENCE_PERMIT, person({ name, address: '<img src=x onerror=alert(1)>' }));
    const r = await call('cases.reject', { ...input, reason: "'; DELETE FROM audit_journal; --", competentAuthority: '<b>区民政局</b>' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const detail = await call('cases.get', { caseNo: r.value.caseNo });
    expect(detail).toMatchObject({ ok: true, value: { applicantName: name, rejectReason: "'; DELETE FROM audit_journal; --", competentAuthority: '<b>区民政局</b>' } });
    expect(counts(ctx).cases).toBe(1);
  });
});

describe('the other outcomes', () => {
  it('correction lists what to supply and needs a future deadline; an empty list is refused', async () => {
    const { ctx, call } = await signedInTerminal();
    const target = { itemCodes: [RESIDENCE_PERMIT] };
    const allHere = await receivedMarks(call, target);
    const before = counts(ctx);
    expect(await call('cases.requestCorrection', { intakeId: randomUUID(), applicant: person(), target, materials: allHere, deadline: '2026-12-01' })).toMatchObject({
      ok: false,
      error: { reason: 'correction_empty' },
    });
    expect(counts(ctx)).toEqual(before);
    const some = await receivedMarks(call, target, { [`${RESIDENCE_PERMIT}#photo`]: 'to_correct', [`${RESIDENCE_PERMIT}#employment_proof`]: 'missing' });
    expect(await call('cases.requestCorrection', { intakeId: randomUUID(), applicant: person(), target, materials: some, deadline: TODAY })).toMatchObject({
      ok: false,
      error: { reason: 'date_not_future', field: 'deadline' },
    });
    const r = await call('cases.requestCorrection', { intakeId: randomUUID(), applicant: person(), target, materials: some, deadline: '2026-12-01' });
    expect(r).toMatchObject({ ok: true, value: { outcome: 'correction', deadline: '2026-12-01', dueDate: null } });
    if (!r.ok) return;
    const detail = await call('cases.get', { caseNo: r.value.caseNo });
    const statuses = detail.ok ? detail.value.materials.filter((m) => m.status !== 'received').map((m) => [m.entryId, m.status, m.note]) : [];
    expect(statuses).toEqual([
      [`${RESIDENCE_PERMIT}#employment_proof`, 'missing', null],
      [`${RESIDENCE_PERMIT}#photo`, 'to_correct', '复印件不清晰'],
    ]);
  });

  it('即办 completes an immediate item and refuses a promised one', async () => {
    const { call } = await signedInTerminal();
    expect(await call('cases.complete', await acceptInput(call, RESIDENCE_PERMIT))).toMatchObject({ ok: false, error: { reason: 'not_immediate' } });
    expect(await call('cases.complete', await acceptInput(call, RESIDENCE_REGISTRATION))).toMatchObject({ ok: true, value: { outcome: 'completed', dueDate: TODAY } });
  });

  it('a bundle (一件事) becomes one case over all its items', async () => {
    const { call } = await signedInTerminal();
    const target = { bundleCode: '310101-SH-YJS-001' };
    const r = await call('cases.accept', { intakeId: randomUUID(), applicant: person(), target, materials: await receivedMarks(call, target) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const detail = await call('cases.get', { caseNo: r.value.caseNo });
    expect(detail.ok && detail.value.itemCodes.length).toBe(4);
    expect(detail.ok && detail.value.bundleCode).toBe('310101-SH-YJS-001');
  });
});

describe('organisations and the supervisor override of a failed credit-code check', () => {
  const org = (uscc: string, override?: { supervisor: string; reason: string }): ApplicantArg => ({
    kind: 'organisation',
    name: '上海某某餐饮管理有限公司',
    uscc,
    legalRep: { idType: 'resident_id', idNumber: VALID_ID, name: '王𠮷' },
    ...(override ? { usccOverride: override } : {}),
  });
  const badChecksum = `${VALID_USCC.slice(0, 17)}4`;

  it('refuses I/O/S/V/Z and a failed check, and takes a valid code', async () => {
    const { call } = await signedInTerminal();
    expect(await call('cases.accept', await acceptInput(call, RESIDENCE_PERMIT, org('91350100M000100I43')))).toMatchObject({ ok: false, error: { field: 'applicant.uscc', reason: 'uscc_chars' } });
    expect(await call('cases.accept', await acceptInput(call, RESIDENCE_PERMIT, org(badChecksum)))).toMatchObject({ ok: false, error: { field: 'applicant.uscc', reason: 'uscc_checksum' } });
    expect(await call('cases.accept', await acceptInput(call, RESIDENCE_PERMIT, org(VALID_USCC)))).toMatchObject({ ok: true });
  });

  it('takes a failed check only with a supervisor’s own password, and journals the override', async () => {
    const { ctx, call } = await signedInTerminal();
    const withOverride = await acceptInput(call, RESIDENCE_PERMIT, org(badChecksum, { supervisor: SUPERVISOR.login, reason: '老营业执照赋码，已核实' }));
    expect(await call('cases.accept', { ...withOverride, supervisorPassword: 'wrong-pass-1' })).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'supervisor_sign_off_refused' } });
    const clerkPose = await acceptInput(call, RESIDENCE_PERMIT, org(badChecksum, { supervisor: 'wang', reason: '老营业执照赋码，已核实' }));
    expect(await call('cases.accept', { ...clerkPose, supervisorPassword: 'clerk-pass-1' })).toMatchObject({ ok: false, error: { reason: 'supervisor_sign_off_refused' } });
    const r = await call('cases.accept', { ...withOverride, supervisorPassword: SUPERVISOR.password });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const journal = ctx.store.db.prepare('SELECT actor, action, details FROM audit_journal WHERE subject = ? ORDER BY seq').all(r.value.caseNo) as { actor: string; action: string; details: string }[];
    expect(journal.map((j) => [j.actor, j.action])).toEqual([
      ['li', 'applicant.uscc_override'],
      ['wang', 'case.accepted'],
    ]);
    expect(journal[0]?.details).toContain('老营业执照赋码');
  });
});

describe('the supervisor’s sign-off is no way to test a password', () => {
  const org = (supervisor: string): ApplicantArg => ({
    kind: 'organisation',
    name: '上海某某餐饮管理有限公司',
    uscc: `${VALID_USCC.slice(0, 17)}4`,
    legalRep: { idType: 'resident_id', idNumber: VALID_ID, name: '王𠮷' },
    usccOverride: { supervisor, reason: '老营业执照赋码，已核实' },
  });
  const answer = (r: { ok: boolean; error?: { code: string; reason?: string } }): string => (r.ok ? 'ok' : `${r.error?.code}/${r.error?.reason}`);
  const journal = (db: Database, action: string) =>
    (db.prepare('SELECT actor, details FROM audit_journal WHERE action = ? ORDER BY seq').all(action) as { actor: string; details: string }[]).map((r) => ({ actor: r.actor, ...(JSON.parse(r.details) as object) }));

  it('answers alike for a wrong password, an unknown login and a clerk’s own; journals each; wrong ones lock the supervisor out everywhere', async () => {
    const clock = steppingClock('2026-11-26T01:00:00.000Z', 0);
    const { ctx, call } = await signedInTerminal({ clock });
    const tries = [
      { ...(await acceptInput(call, RESIDENCE_PERMIT, org(SUPERVISOR.login))), supervisorPassword: 'guess-1234' },
      { ...(await acceptInput(call, RESIDENCE_PERMIT, org('nobody-here'))), supervisorPassword: 'guess-1234' },
      { ...(await acceptInput(call, RESIDENCE_PERMIT, org(CLERK.login))), supervisorPassword: CLERK.password },
    ];
    for (const t of tries) expect(answer(await call('cases.accept', t))).toBe('forbidden/supervisor_sign_off_refused');
    expect(journal(ctx.store.db, 'auth.sign_off_failed')).toEqual([
      { actor: CLERK.login, login: SUPERVISOR.login, about: 'applicant.uscc_override' },
      { actor: CLERK.login, login: 'nobody-here', about: 'applicant.uscc_override' },
      { actor: CLERK.login, login: CLERK.login, about: 'applicant.uscc_override' },
    ]);
    // Four more wrong ones for the supervisor: locked out, at the counter and at sign-in alike.
    for (let i = 0; i < 4; i += 1) await call('cases.accept', tries[0]!);
    expect(journal(ctx.store.db, 'auth.locked_out')).toEqual([{ actor: CLERK.login, login: SUPERVISOR.login, failures: 5, until: '2026-11-26T01:00:30.000Z' }]);
    const right = { ...(await acceptInput(call, RESIDENCE_PERMIT, org(SUPERVISOR.login))), supervisorPassword: SUPERVISOR.password };
    expect(await call('cases.accept', right)).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'too_many_attempts', field: 'supervisorPassword' } });
    expect(counts(ctx).cases).toBe(0);
    clock.set('2026-11-26T01:00:31.000Z');
    expect(await call('cases.accept', right)).toMatchObject({ ok: true });
  });

  it('checks the sign-off after every other check, so a right password is not told apart by a refusal that comes later', async () => {
    const { ctx, call } = await signedInTerminal();
    const first = await acceptInput(call, RESIDENCE_PERMIT, org(SUPERVISOR.login));
    expect(await call('cases.accept', { ...first, supervisorPassword: SUPERVISOR.password })).toMatchObject({ ok: true });
    // The same intake again: already decided, whatever the password.
    for (const password of ['guess-1234', SUPERVISOR.password]) expect(answer(await call('cases.accept', { ...first, supervisorPassword: password }))).toBe('conflict/already_decided');
    expect(journal(ctx.store.db, 'auth.sign_off_failed')).toEqual([]);
  });
});

describe('finding cases and applicants', () => {
  it('finds a returning applicant by ID number, and cases by number, name and ID', async () => {
    const { call } = await signedInTerminal();
    const a = await call('cases.accept', await acceptInput(call, RESIDENCE_PERMIT, person({ address: '上海市徐汇区漕溪北路1号' })));
    await call('cases.accept', await acceptInput(call, RESIDENCE_PERMIT, person({ idNumber: '440524188001010014', name: '陈堃' })));
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(await call('applicants.find', { idNumber: VALID_ID.toLowerCase() })).toMatchObject({ ok: true, value: { applicant: { name: '王𠮷', address: '上海市徐汇区漕溪北路1号' } } });
    expect(await call('applicants.find', { idNumber: '110101199001011234' })).toEqual({ ok: true, value: { applicant: null } });
    const byName = await call('cases.list', { query: '𠮷' });
    expect(byName.ok && byName.value.map((c) => c.caseNo)).toEqual([a.value.caseNo]);
    const byNo = await call('cases.list', { query: a.value.caseNo.toLowerCase() });
    expect(byNo.ok && byNo.value.map((c) => c.caseNo)).toEqual([a.value.caseNo]);
    const all = await call('cases.list', {});
    expect(all.ok && all.value.length).toBe(2);
    const byId = await call('cases.find', { query: '440524188001010014' });
    expect(byId.ok && byId.value.map((c) => c.applicantName)).toEqual(['陈堃']);
    // By case number on any day: the hyphens are part of it (an ID search strips separators, this must not).
    const byCaseNo = await call('cases.find', { query: ` ${a.value.caseNo.toLowerCase()} ` });
    expect(byCaseNo.ok && byCaseNo.value.map((c) => c.caseNo)).toEqual([a.value.caseNo]);
    expect(await call('cases.get', { caseNo: 'T3101040007-20261126-9999' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
