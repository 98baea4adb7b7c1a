/**
 * Every `reason` a refusal can carry under its stable error code: the one list. `DomainError` takes
 * only these (core/result.ts), and a test (renderer/src/i18n/reasons.test.ts) proves each has its
 * text in zh-CN and en, so a new reason does not compile until it is listed here, and is not done
 * until the counter can word it. Grouped by the area that refuses.
 */

/** The applicant validators (core/applicant): ID documents, credit code, names, phone, address. */
export const APPLICANT_REASONS = [
  'id_empty',
  'id_old_format',
  'id_length',
  'id_chars',
  'id_area_code',
  'id_birth_date_invalid',
  'id_birth_date_future',
  'id_checksum',
  'passport_cn_empty',
  'passport_cn_format',
  'passport_foreign_empty',
  'passport_foreign_length',
  'passport_foreign_chars',
  'hk_macao_permit_empty',
  'hk_macao_permit_format',
  'taiwan_permit_empty',
  'taiwan_permit_format',
  'hmt_residence_permit_empty',
  'hmt_residence_permit_length',
  'hmt_residence_permit_chars',
  'hmt_residence_permit_area_code',
  'hmt_residence_permit_birth_date_invalid',
  'hmt_residence_permit_birth_date_future',
  'hmt_residence_permit_checksum',
  'foreign_permanent_residence_empty',
  'foreign_permanent_residence_length',
  'foreign_permanent_residence_chars',
  'foreign_permanent_residence_area_code',
  'foreign_permanent_residence_birth_date_invalid',
  'foreign_permanent_residence_birth_date_future',
  'foreign_permanent_residence_checksum',
  'uscc_empty',
  'uscc_length',
  'uscc_chars',
  'uscc_checksum',
  'name_empty',
  'name_too_long',
  'name_invalid_unicode',
  'name_control_chars',
  'name_digits',
  'name_markup',
  'name_not_chinese',
  'name_foreign_chars',
  'phone_empty',
  'phone_chars',
  'phone_format',
  'address_empty',
  'address_too_long',
  'address_invalid_unicode',
  'address_control_chars',
] as const;

/** Intake (core/intake/plan.ts and its transaction): the target, the material marks, the outcome's rules. */
export const INTAKE_REASONS = [
  'bundle_unknown',
  'item_unknown',
  'material_unknown',
  'material_duplicate',
  'material_not_exemptable',
  'date_invalid',
  'date_not_future',
  'material_needs_correction',
  'required_material_missing',
  'key_material_missing',
  'gaps_without_missing',
  'not_immediate',
  'correction_empty',
  'terminal_not_set',
  'already_decided',
  'catalog_missing',
] as const;

/** The working-day calendar (core/calendar). */
export const CALENDAR_REASONS = ['calendar_year_unknown', 'invalid_date', 'invalid_count', 'invalid_calendar'] as const;

/** Setup, sign-in and staff accounts. */
export const AUTH_REASONS = ['already_set_up', 'bad_credentials', 'password_weak', 'login_taken', 'supervisor_sign_off_refused', 'too_many_attempts', 'password_change_required', 'staff_unknown', 'last_admin', 'own_account', 'password_unchanged'] as const;

/** Notices and their prints. */
export const NOTICE_REASONS = ['case_unknown', 'notice_kind_mismatch', 'notice_unknown', 'notice_already_voided', 'printer_not_chosen', 'print_in_progress'] as const;

/**
 * The printing port (main/printing):
 * - `printer_unknown`: no printer by that name;
 * - `printer_stopped`: the printer is stopped (paused) or refuses jobs, or stopped while the job waited;
 * - `cups_unavailable`: the printing system is not installed, not running or not reachable;
 * - `print_failed`: the system refused or lost the job for another reason;
 * - `timeout`: the system did not answer, or the job did not leave the queue, in time.
 */
export const PRINT_REASONS = ['printer_unknown', 'printer_stopped', 'cups_unavailable', 'print_failed', 'timeout'] as const;

/** A scanner (core/scanning/errors.ts says what each means). */
export const SCAN_ERROR_REASONS = ['scanner_missing', 'device_not_found', 'device_gone', 'feeder_empty', 'option_unsupported', 'cancelled', 'scan_failed'] as const;

/** A page, scanned or imported (core/scanning/errors.ts says what each means). */
export const PAGE_ERROR_REASONS = ['image_empty', 'image_unsupported', 'image_corrupt', 'image_too_large', 'invalid_crop', 'pdf_too_many_pages', 'pdf_unreadable', 'pdf_unsupported'] as const;

/** The intake's batch of pages. */
export const BATCH_REASONS = ['scan_in_progress', 'page_not_found', 'batch_closed', 'order_incomplete', 'scan_material_unknown', 'scan_batch_changed'] as const;

/** This machine's disk. */
export const STORE_REASONS = ['disk_full', 'store_corrupt', 'store_locked', 'backup_exists', 'backup_target_invalid'] as const;

/** The link to the central service, as the sync handlers refuse. */
export const SYNC_REASONS = ['not_enrolled', 'enrollment_in_progress', 'enrollment_invalid', 'server_unreachable', 'terminal_code_mismatch', 'rejection_unknown', 'rejection_handled', 'insecure_server_url', 'store_behind', 'blob_available', 'blob_not_waiting'] as const;

/** The reasons the counter words under `reasons.<reason>`. */
/** Text no store can keep (U+0000, lone surrogates), refused for every string of every input (core's text rule). */
export const TEXT_REASONS = ['text_unstorable'] as const;

/** The host door's own refusals (main/host): requests a web page must not be able to make. */
export const HOST_REASONS = ['host_not_allowed', 'cross_origin', 'content_type_unsupported', 'body_too_large'] as const;

export const REASONS = [
  ...APPLICANT_REASONS,
  ...INTAKE_REASONS,
  ...CALENDAR_REASONS,
  ...AUTH_REASONS,
  ...NOTICE_REASONS,
  ...PRINT_REASONS,
  ...SCAN_ERROR_REASONS,
  ...PAGE_ERROR_REASONS,
  ...BATCH_REASONS,
  ...STORE_REASONS,
  ...SYNC_REASONS,
  ...HOST_REASONS,
  ...TEXT_REASONS,
] as const;
export type CounterReason = (typeof REASONS)[number];

/**
 * Why a sync step failed (main/sync/failure.ts): the central service's codes (sync/protocol/errors.ts
 * SYNC_ERROR_CODES; core does not import sync, and the client's SyncFailure takes only these, so the
 * compiler holds the two together) and the client's own. They are worded under `sync.error.<code>`;
 * an enrollment that fails on one of them passes it on as its reason. `http_<status>`: an HTTP error
 * without the protocol's body (sync.error.http).
 */
export const SYNC_PROBLEMS = [
  'store_forked',
  'journal_truncated',
  'centre_changed',
  'centre_lost_commands',
  'upgrade_required',
  'unauthenticated',
  'terminal_revoked',
  'foreign_terminal',
  'enrollment_invalid',
  'invalid_request',
  'body_too_large',
  'seq_gap',
  'blob_mismatch',
  'blob_offset',
  'not_found',
  'forbidden',
  'unavailable',
  'internal',
  'network',
  'timeout',
  'credential_sealed',
  'bad_response',
  'blob_unavailable',
  'blob_refused',
  'push_stalled',
  'pull_stalled',
  'unknown_command',
  'bad_change',
  'apply_failed',
  'seq_before_enrollment',
  'server_ahead',
  // A terminal's blobs at their quota (issue 11, scenario 14): IT raises it.
  'blob_quota_exceeded',
] as const;
export type SyncProblem = (typeof SYNC_PROBLEMS)[number] | `http_${number}`;

export type Reason = CounterReason | SyncProblem;

const COUNTER_REASONS: ReadonlySet<string> = new Set(REASONS);

/** Whether a string from outside the type system (a zod issue's params, a stored row) is a reason. */
export function isCounterReason(s: string): s is CounterReason {
  return COUNTER_REASONS.has(s);
}
