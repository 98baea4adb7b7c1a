import type { Content } from '../pdf.js';

/**
 * What a document's body function returns: the decision's text (`body`), the paragraphs that end it
 * and stay on the seal's page (`closing`, kept with the hall's lines and the signature), and the
 * annex: the tables listing applicant, items and materials, printed after the signature (as
 * attachments follow the signature in GB/T 9704), so the decision and its seal stand on page 1.
 */
export interface DocumentBody {
  body: Content[];
  closing: Content[];
  annex: Content[];
}
