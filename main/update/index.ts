// The update decision, without Electron: policy (what IT deployed), check (server + decision),
// trust (the internal CA), verify (sha512), schedule (when), busy (is a clerk mid-case).
export { publisherNames } from './app-update-config.js';
export { counterBusy } from './busy.js';
export { checkForUpdate, type CheckResult } from './check.js';
export { inRollout } from './decide.js';
export type { PackageKind } from './manifest.js';
export { defaultPolicyPath, readUpdatePolicy, type UpdatePolicy } from './policy.js';
export { installMoment } from './schedule.js';
export { stagingId } from './staging-id.js';
export { chainTrusted, splitPem } from './trust.js';
export { fileMatches } from './verify.js';
