import type { CollectorKind } from '../../../../core/delivery/schema.js';
import type { PaymentMethod } from '../../../../core/fees/account.js';
import type { Key } from '../../i18n/keys.js';

/** The texts of after-intake's lists; a new item in core's list does not compile until it has one. */
export const METHOD_LABEL: Readonly<Record<PaymentMethod, Key>> = {
  cash: 'fees.method_cash',
  card: 'fees.method_card',
  qr: 'fees.method_qr',
  payment_code: 'fees.method_payment_code',
};

export const ENTRY_KIND_LABEL: Readonly<Record<'payment' | 'refund' | 'waiver', Key>> = {
  payment: 'fees.kind_payment',
  refund: 'fees.kind_refund',
  waiver: 'fees.kind_waiver',
};

export const COLLECTOR_LABEL: Readonly<Record<CollectorKind, Key>> = {
  applicant: 'delivery.collector_applicant',
  agent: 'delivery.collector_agent',
  post: 'delivery.collector_post',
};

export const RELATION_LABEL: Readonly<Record<'self' | 'legalRep' | 'agent' | 'post', Key>> = {
  self: 'delivery.relation_self',
  legalRep: 'delivery.relation_legalRep',
  agent: 'delivery.relation_agent',
  post: 'delivery.relation_post',
};

export const READINESS_LABEL: Readonly<Record<'ready' | 'not_ready' | 'delivered' | 'fee_unpaid', Key>> = {
  ready: 'delivery.readiness_ready',
  not_ready: 'delivery.readiness_not_ready',
  delivered: 'delivery.readiness_delivered',
  fee_unpaid: 'delivery.readiness_fee_unpaid',
};

/** The steps of a case's timeline (cases.get): the intake outcomes, the back office's steps, and what came after. */
export const TIMELINE_LABEL: Readonly<Record<string, Key>> = {
  accepted: 'timeline.accepted',
  correction: 'timeline.correction',
  rejected: 'timeline.rejected',
  completed: 'timeline.completed',
  in_review: 'timeline.in_review',
  decided: 'timeline.decided',
  ready_for_delivery: 'timeline.ready_for_delivery',
  delivered: 'timeline.delivered',
  delivered_here: 'timeline.delivered_here',
  delivery_refused: 'timeline.delivery_refused',
  resubmitted: 'timeline.resubmitted',
};
