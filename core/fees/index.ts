/** Fees at the counter: what a case owes (lines from the catalog), its account, and the rules for payments, refunds and waivers. */
export { dueByStage, feeLines, owedFen, type FeeLine } from './lines.js';
export { checkPayment, checkRefund, checkSettled, checkWaiver, feeAccount, PAYMENT_METHODS, refundableFen, suggestedFen, type FeeAccount, type FeeEntry, type PaymentMethod } from './account.js';
