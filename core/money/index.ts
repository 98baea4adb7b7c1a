/** Money in integer fen: parsing typed yuan, arithmetic that never goes negative, and formatting at the edge. */
export { changeFen, fenIssue, formatYuan, isFen, MAX_FEN, MONEY_CODES, parseYuan, subtractFen, sumFen, type MoneyCode } from './fen.js';
export { fenSchema } from './schema.js';
