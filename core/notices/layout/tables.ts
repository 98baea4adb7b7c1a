import type { TableCell, TableLayout, TableNode } from '../pdf.js';
import type { Frame } from './frame.js';

// Table layouts (plain objects of functions: pdfmake accepts them inline), and the tables of a notice.

const GRID_COLOR = '#777777';
/** Cell padding left and right: grids, lists on A4, lists on the roll. */
const PAD = { grid: 4, list: 3, receiptList: 2 };

/**
 * A section heading can be the first row of its table (see `headed`); that row gets the space
 * above the heading as its top padding, and no lines.
 */
function gridLayout(f: Frame, headed: boolean): TableLayout {
  const pad = f.receipt ? 1.5 : 2.5;
  return {
    hLineWidth: (i) => (headed && i === 0 ? 0 : 0.5),
    vLineWidth: () => 0.5,
    hLineColor: GRID_COLOR,
    vLineColor: GRID_COLOR,
    paddingLeft: () => PAD.grid,
    paddingRight: () => PAD.grid,
    paddingTop: (row) => (headed && row === 0 ? headingSpace(f) : pad),
    paddingBottom: () => pad,
    fillColor: () => null,
  };
}

/** A list of materials: the column heads (after the section heading) are shaded. */
function listLayout(f: Frame, headed: boolean): TableLayout {
  const heads = headed ? 1 : 0;
  return {
    hLineWidth: (i) => (headed && i === 0 ? 0 : 0.5),
    vLineWidth: () => (f.receipt ? 0 : 0.5),
    hLineColor: GRID_COLOR,
    vLineColor: GRID_COLOR,
    paddingLeft: () => (f.receipt ? PAD.receiptList : PAD.list),
    paddingRight: () => (f.receipt ? PAD.receiptList : PAD.list),
    paddingTop: (row) => (headed && row === 0 ? headingSpace(f) : 2),
    paddingBottom: () => 2,
    fillColor: (row) => (row === heads ? '#e6e6e6' : null),
  };
}

export const headingSpace = (f: Frame): number => (f.receipt ? 5 : 9);

export const boxLayout = (width: number): TableLayout => ({
  hLineWidth: () => width,
  vLineWidth: () => width,
  hLineColor: '#000000',
  vLineColor: '#000000',
  paddingLeft: () => 6,
  paddingRight: () => 6,
  paddingTop: () => 3,
  paddingBottom: () => 3,
});

export interface Field {
  label: string;
  value: string;
  /** Takes the whole row on A4 (long values: names, addresses, legal basis). */
  wide?: boolean;
}

export const EMPTY: TableCell = {};

/**
 * Puts a section heading into a table as its first row (borderless, spanning all columns), so that
 * a heading never ends a page without its table, and is repeated above a table that goes on.
 */
export function headed(heading: string | null, padding: number, table: TableNode): TableNode {
  if (heading === null) return table;
  const columns = table.table.widths?.length ?? 1;
  const none: [boolean, boolean, boolean, boolean] = [false, false, false, false];
  const cell: TableCell = { text: heading, style: 'heading', colSpan: columns, border: none, margin: [-padding, 0, 0, 0] };
  // The cells under the span need no borders either, or pdfmake draws their top line.
  const covered = Array.from({ length: columns - 1 }, (): TableCell => ({ text: '', border: none }));
  const body = [[cell, ...covered], ...table.table.body];
  return { ...table, table: { ...table.table, body, headerRows: (table.table.headerRows ?? 0) + 1, keepWithHeaderRows: 1 } };
}

/**
 * Label/value pairs: two pairs a row on A4 (wide ones alone), one a row on the roll. Chinese labels
 * never break ("统一社会信用代码" on one line): their columns are as wide as their longest label.
 */
export function fieldGrid(f: Frame, fields: Field[], tag: string, heading: string | null = null): TableNode {
  const label = (x: Field): TableCell => ({ text: x.label, style: 'label', fillColor: '#f0f0f0', ...(f.zh ? { noWrap: true } : {}) });
  const value = (x: Field, colSpan?: number): TableCell => ({ text: x.value, style: 'value', ...(colSpan ? { colSpan } : {}) });
  const body: TableCell[][] = [];
  let widths: string[] | number[] | (number | string)[];
  if (f.receipt) {
    for (const x of fields) body.push([label(x), value(x)]);
    widths = f.zh ? ['auto', '*'] : [58, '*'];
  } else {
    let pending: Field | null = null;
    const alone = (x: Field): void => {
      body.push([label(x), value(x, 3), EMPTY, EMPTY]);
    };
    for (const x of fields) {
      if (x.wide) {
        if (pending) alone(pending);
        pending = null;
        alone(x);
      } else if (pending) {
        body.push([label(pending), value(pending), label(x), value(x)]);
        pending = null;
      } else {
        pending = x;
      }
    }
    if (pending) alone(pending);
    widths = f.zh ? ['auto', '*', 'auto', '*'] : [92, '*', 92, '*'];
  }
  const table: TableNode = { table: { body, widths, dontBreakRows: true }, layout: gridLayout(f, heading !== null), notice: tag };
  if (heading === null) table.margin = [0, f.receipt ? 4 : 8, 0, 0];
  return headed(heading, PAD.grid, table);
}

/** A list table with its section heading. */
export function listTable(f: Frame, heading: string, tag: string, head: string[], rows: TableCell[][], widths: (number | string)[]): TableNode {
  const th = (text: string): TableCell => ({ text, style: 'th' });
  const body: TableCell[][] = [head.map(th), ...rows];
  if (rows.length === 0) body.push([{ text: f.t('materials.none'), style: 'cell', colSpan: head.length }, ...head.slice(1).map(() => EMPTY)]);
  const table: TableNode = { table: { body, widths, headerRows: 1, dontBreakRows: true, keepWithHeaderRows: 1 }, layout: listLayout(f, true), notice: tag };
  return headed(heading, f.receipt ? PAD.receiptList : PAD.list, table);
}
