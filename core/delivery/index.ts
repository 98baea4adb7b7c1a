/** 出件: who may collect a result, when a case is ready, and what is handed over. */
export { caseParty, checkHandover, checkReady, handoverList, planCollector, RESULT_ENTRY, type CaseParty, type CollectorPlan, type DeliveryState, type HandoverEntry, type Relation } from './rules.js';
export { COLLECTOR_KINDS, collectorOverrideSchema, collectorSchema, courierSchema, postAddressSchema, reasonSchema, trackingNoSchema, type CollectorInput, type CollectorKind, type CollectorOverride } from './schema.js';
