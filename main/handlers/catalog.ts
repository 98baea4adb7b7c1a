import { parseCatalog } from '../../core/catalog/schema.js';
import { search } from '../../core/catalog/search.js';
import { resolveTarget } from '../../core/intake/plan.js';
import { DomainError } from '../../core/result.js';
import { loadCatalog, writeCatalog, type LoadedCatalog } from '../catalog/store.js';
import { appendAudit } from '../db/audit.js';
import type { HandlerContext } from './context.js';
import type { HandlerImpls } from './table.js';

export function requireCatalog(ctx: HandlerContext): LoadedCatalog {
  if (!ctx.catalog) throw new DomainError('unavailable', 'no service catalog is loaded on this terminal', undefined, 'catalog_missing');
  return ctx.catalog;
}

export const catalogHandlers = {
  'catalog.import': ({ catalog: raw, source }, ctx) => {
    const parsed = parseCatalog(raw);
    if (!parsed.ok) return { imported: false, errors: parsed.errors, items: 0, bundles: 0, years: [] };
    const { catalog } = parsed;
    const { db } = ctx.store;
    db.transaction(() => {
      writeCatalog(db, catalog, source, ctx.clock.nowIso());
      appendAudit(db, ctx.clock, {
        actor: ctx.session.staff?.login ?? null,
        action: 'catalog.import',
        details: { source, catalogVersion: catalog.catalogVersion, items: catalog.items.length, bundles: catalog.bundles.length },
      });
    })();
    ctx.catalog = loadCatalog(catalog);
    return { imported: true, errors: [], items: catalog.items.length, bundles: catalog.bundles.length, years: catalog.calendar.map((y) => y.year) };
  },
  'catalog.search': ({ query, limit }, ctx) =>
    search(requireCatalog(ctx).index, query, limit).map((h) => ({
      kind: h.kind,
      code: h.code,
      name: h.name,
      ...(h.department ? { department: h.department } : {}),
      matchedBy: h.matchedBy,
    })),
  'catalog.checklist': ({ target }, ctx) => {
    const resolved = resolveTarget(requireCatalog(ctx).catalog, target);
    return {
      itemCodes: resolved.itemCodes,
      bundleCode: resolved.bundleCode ?? null,
      title: resolved.title,
      items: resolved.items.map((i) => ({
        code: i.code,
        name: i.name,
        kind: i.kind,
        legalLimitDays: i.legalLimitDays,
        promisedLimitDays: i.promisedLimitDays,
        feeFen: i.fee.amountFen,
      })),
      entries: resolved.checklist.entries.map((e) => ({
        id: e.id,
        name: e.name,
        required: e.required,
        key: e.key,
        form: e.form,
        copies: e.copies,
        exemptByCertificate: e.exemptByCertificate ?? null,
      })),
    };
  },
} satisfies Partial<HandlerImpls>;
