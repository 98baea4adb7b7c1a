/** Refusals to open a store file. The message names the file and says what to do. */
export type StoreErrorCode = 'store_corrupt' | 'store_too_new' | 'store_unreadable';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly file: string;

  constructor(code: StoreErrorCode, file: string, message: string) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
    this.file = file;
  }
}
