import type { Column, Content, ContentNode, DocDefinition, DynamicContent, TableCell, TextRun } from './pdf.js';

/**
 * Per-character font fallback. A definition names one font (NOTICE_FONT); before it is rendered,
 * every string is split into runs by which font has each character's glyph, so that a name with a
 * character outside the primary font (a 生僻字 in CJK Extension B–F) prints in a fallback font
 * instead of as an empty box. Pure: which font has which glyph comes in as a function.
 */
export interface GlyphCoverage {
  /** The family whose font is used when a character is in no other (and in which it is in most). */
  primary: string;
  /** The family that has a glyph for the code point, primary first; null when no font has one. */
  familyFor(codePoint: number): string | null;
}

export interface FallbackResult {
  /** A fresh definition (the input is not changed; pdfmake writes into what it renders). */
  definition: DocDefinition;
  /**
   * The distinct characters that no font has, in order of appearance: each one is a defect. Live:
   * the header's and footer's characters join it when pdfmake lays them out, so read it after rendering.
   */
  missing: ReadonlySet<string>;
}

/**
 * Characters that belong to the one before them (combining marks, variation selectors including the
 * ideographic ones, joiners) and layout controls: they never start a run of their own.
 */
export function isAttaching(cp: number): boolean {
  return (
    cp < 0x20 ||
    (cp >= 0x0300 && cp <= 0x036f) ||
    cp === 0x200c ||
    cp === 0x200d ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

/**
 * Splits text into runs by font. Returns null when the primary font prints all of it (the common
 * case: the string is used as it is). A run in the primary font carries no `font` key, so it
 * inherits whatever style surrounds it.
 */
export function splitRuns(text: string, coverage: GlyphCoverage, missing?: Set<string>): (string | TextRun)[] | null {
  let needsSplit = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isAttaching(cp) || ch === ' ') continue;
    const family = coverage.familyFor(cp);
    if (family === null) missing?.add(ch);
    else if (family !== coverage.primary) needsSplit = true;
  }
  if (!needsSplit) return null;
  const runs: (string | TextRun)[] = [];
  let current = '';
  let currentFamily = coverage.primary;
  const flush = (): void => {
    if (current === '') return;
    runs.push(currentFamily === coverage.primary ? current : { text: current, font: currentFamily });
    current = '';
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (!(isAttaching(cp) || ch === ' ')) {
      const family = coverage.familyFor(cp) ?? coverage.primary;
      if (family !== currentFamily) {
        flush();
        currentFamily = family;
      }
    }
    current += ch;
  }
  flush();
  return runs;
}

/**
 * A copy of plain data (arrays and plain objects, recursively); functions and other objects are
 * shared. pdfmake writes layout state into the nodes it renders (positions, canvas coordinates),
 * so each rendering must get nodes of its own.
 */
function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(deepCopy) as T;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = deepCopy(v);
    return out as T;
  }
  return value;
}

/** Applies font fallback to every string of a definition, header and footer included. */
export function applyFontFallback(def: DocDefinition, coverage: GlyphCoverage): FallbackResult {
  const missing = new Set<string>();

  const inline = (items: (string | TextRun)[]): (string | TextRun)[] =>
    items.flatMap((item) => {
      if (typeof item === 'string') return splitRuns(item, coverage, missing) ?? [item];
      if (item.font !== undefined && item.font !== coverage.primary) return [{ ...item }];
      const runs = splitRuns(item.text, coverage, missing);
      if (!runs) return [{ ...item }];
      return runs.map((r) => (typeof r === 'string' ? { ...item, text: r } : { ...item, ...r }));
    });

  const node = <N extends ContentNode>(n: N): N => {
    const out = deepCopy(n);
    if ('text' in n) {
      const runs = typeof n.text === 'string' ? splitRuns(n.text, coverage, missing) : inline(n.text);
      return { ...out, text: runs ?? n.text };
    }
    if ('stack' in n) return { ...out, stack: n.stack.map(content) };
    if ('columns' in n) return { ...out, columns: n.columns.map((c) => node(c) as Column) };
    if ('table' in n) return { ...out, table: { ...deepCopy(n.table), body: n.table.body.map((row) => row.map(cell)) } };
    return out;
  };

  const cell = (c: TableCell): TableCell => {
    if (typeof c === 'string') return content(c) as TableCell;
    if (Object.keys(c).length === 0) return {};
    return node(c as ContentNode);
  };

  function content(c: Content): Content {
    if (typeof c === 'string') {
      const runs = splitRuns(c, coverage, missing);
      return runs ? { text: runs } : c;
    }
    if (Array.isArray(c)) return c.map(content);
    return node(c);
  }

  const dynamic = (fn: DynamicContent | undefined): DynamicContent | undefined => (fn ? (page, pages) => content(fn(page, pages)) : undefined);

  const out: DocDefinition = {
    ...deepCopy(def),
    content: content(def.content),
    info: { ...def.info },
  };
  const header = dynamic(def.header);
  const footer = dynamic(def.footer);
  if (header) out.header = header;
  if (footer) out.footer = footer;
  if (def.watermark) splitRuns(def.watermark.text, coverage, missing);
  return { definition: out, missing };
}
