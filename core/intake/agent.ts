import type { Localized, MaterialForm } from '../catalog/schema.js';

/**
 * An agent (代理人) applies on the strength of a 授权委托书 (power of attorney): with an agent it is a
 * required key material of the case, received and scanned like any other, never only a tick on the
 * screen (the applicant schema refuses `powerOfAttorney: false`, and a case without the document is
 * refused as `required_material_missing`; under 容缺 it cannot be the missing one).
 *
 * An item's own power-of-attorney material (material id `power_of_attorney`) becomes required and
 * key; a checklist without one gets the entry `power_of_attorney`. One rule for the plan, the
 * checklist handler and the counter's screen.
 */
export const POWER_OF_ATTORNEY = 'power_of_attorney';
export const POWER_OF_ATTORNEY_NAME: Localized = { 'zh-CN': '授权委托书', en: 'Power of attorney (授权委托书)' };

export interface AgentEntryShape {
  id: string;
  name: Localized;
  required: boolean;
  key: boolean;
  form: MaterialForm;
  copies: number;
}

const isPowerOfAttorney = (id: string): boolean => id === POWER_OF_ATTORNEY || id.endsWith(`#${POWER_OF_ATTORNEY}`);

export function withAgentMaterial<E extends AgentEntryShape>(entries: readonly E[], hasAgent: boolean, make: (base: AgentEntryShape) => E): E[] {
  if (!hasAgent) return [...entries];
  if (entries.some((e) => isPowerOfAttorney(e.id))) return entries.map((e) => (isPowerOfAttorney(e.id) ? { ...e, required: true, key: true } : e));
  return [...entries, make({ id: POWER_OF_ATTORNEY, name: POWER_OF_ATTORNEY_NAME, required: true, key: true, form: 'original', copies: 1 })];
}

/** Whether the applicant as the intake sends it (not yet validated) has an agent. */
export function hasAgent(applicant: unknown): boolean {
  const agent = typeof applicant === 'object' && applicant !== null ? (applicant as { agent?: unknown }).agent : undefined;
  return typeof agent === 'object' && agent !== null;
}
