import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, hashAuditEntry, verifyAuditChain, type AuditRecord } from './chain.js';

function chain(n: number): AuditRecord[] {
  const out: AuditRecord[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq += 1) {
    const fields = { seq, at: `2026-11-26T08:00:0${seq % 10}Z`, actor: 'clerk1', action: 'case.accept', subject: `C${seq}`, details: `{"n":${seq}}` };
    const hash = hashAuditEntry(prev, fields);
    out.push({ ...fields, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain', () => {
  it('hashes with SHA-256 over the canonical fields (a known vector)', () => {
    // sha256 of the JSON array ["000…0",1,"t",null,"a",null,"{}"], computed independently with sha256sum.
    const h = hashAuditEntry(GENESIS_HASH, { seq: 1, at: 't', actor: null, action: 'a', subject: null, details: '{}' });
    expect(h).toBe('abb7765c5a5971b381e00d1f1047e47bd9ca3c461b576452a9be29f7143c3099');
  });

  it('accepts an intact chain and counts every entry', () => {
    expect(verifyAuditChain(chain(5))).toEqual({ ok: true, checked: 5 });
    expect(verifyAuditChain([])).toEqual({ ok: true, checked: 0 });
  });

  it('finds an edited entry', () => {
    const c = chain(5);
    c[2] = { ...c[2]!, details: '{"n":999}' };
    expect(verifyAuditChain(c)).toEqual({ ok: false, checked: 2, brokenAt: 3, reason: 'hash_mismatch' });
  });

  it('finds an edited entry whose hash was recomputed (the next link breaks)', () => {
    const c = chain(5);
    const e = { ...c[2]!, actor: 'someone-else' };
    e.hash = hashAuditEntry(e.prevHash, e);
    c[2] = e;
    expect(verifyAuditChain(c)).toEqual({ ok: false, checked: 3, brokenAt: 4, reason: 'link_broken' });
  });

  it('finds a removed entry', () => {
    const c = chain(5);
    c.splice(1, 1);
    expect(verifyAuditChain(c)).toMatchObject({ ok: false, brokenAt: 3, reason: 'seq_gap' });
  });

  it('finds a removed first entry', () => {
    const c = chain(3).slice(1);
    expect(verifyAuditChain(c)).toMatchObject({ ok: false, brokenAt: 2, reason: 'link_broken' });
  });
});
