import { ScanError, type ScanDeviceStatus } from '../../core/scanning/index.js';
import { SANE_STATUS, scanimageMessages } from './sane-parse.js';

// How a failed scanimage run, or one that could not start, becomes a ScanError with the scanner's words.

const STATUS_BY_CODE = new Map<number, ScanDeviceStatus>([
  [SANE_STATUS.UNSUPPORTED.code, 'unsupported'],
  [SANE_STATUS.DEVICE_BUSY.code, 'busy'],
  [SANE_STATUS.INVAL.code, 'invalid'],
  [SANE_STATUS.JAMMED.code, 'jammed'],
  [SANE_STATUS.COVER_OPEN.code, 'cover_open'],
  [SANE_STATUS.IO_ERROR.code, 'io_error'],
  [SANE_STATUS.NO_MEM.code, 'no_memory'],
  [SANE_STATUS.ACCESS_DENIED.code, 'access_denied'],
]);

/** A failed scanimage run → `device_not_found`, `device_gone` or `scan_failed` with the scanner's words. */
export function failure(code: number | null, stderr: string, device: string, delivered: number): ScanError {
  const message = telling(scanimageMessages(stderr)) ?? (code === null ? 'scanimage was killed' : `scanimage exited with status ${code}`);
  const details = { device, deviceMessage: message, pagesDelivered: delivered };
  if (/^open of device .* failed/.test(message)) {
    if (delivered > 0) return new ScanError('device_gone', `The scanner "${device}" disappeared during the scan: ${message}`, details);
    return new ScanError('device_not_found', `There is no scanner "${device}" (or it cannot be opened): ${message}`, details);
  }
  if (code === SANE_STATUS.IO_ERROR.code || message.includes(SANE_STATUS.IO_ERROR.text)) {
    return new ScanError('device_gone', `The scanner "${device}" stopped answering (${message}).`, { ...details, deviceStatus: 'io_error' });
  }
  if (/^setting of option --(source|mode|resolution)/.test(message)) {
    return new ScanError('option_unsupported', `The scanner "${device}" refused a setting: ${message}`, details);
  }
  let status: ScanDeviceStatus = 'unknown';
  for (const s of Object.values(SANE_STATUS)) if (message.includes(s.text)) status = STATUS_BY_CODE.get(s.code) ?? status;
  if (status === 'unknown' && code !== null) status = STATUS_BY_CODE.get(code) ?? 'unknown';
  return new ScanError('scan_failed', `The scanner "${device}" failed: ${message}`, { ...details, deviceStatus: status });
}

export function missingOrFailed(command: string, err: NodeJS.ErrnoException): ScanError {
  if (err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'ENOTDIR') {
    return new ScanError('scanner_missing', `${command} is not installed or cannot be run (${err.code}); on Debian, Ubuntu, UOS or Kylin install the package sane-utils.`);
  }
  return new ScanError('scan_failed', `${command} could not be started: ${err.message}`);
}

export function lastMessage(stderr: string): string | undefined {
  return telling(scanimageMessages(stderr));
}

/**
 * The message that says what went wrong: the last one naming a SANE status, else the last one.
 * "trying to stop scanner" is scanimage's signal handler talking (some backends fork a reader that
 * inherits it, and stop it with SIGTERM after a failed read), never the cause.
 */
function telling(messages: string[]): string | undefined {
  const useful = messages.filter((m) => !/^(trying to stop scanner|aborting)/.test(m));
  return useful.findLast((m) => Object.values(SANE_STATUS).some((st) => m.includes(st.text))) ?? useful.at(-1);
}
