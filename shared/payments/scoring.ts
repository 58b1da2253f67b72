// Scores one transaction against the card's profile: the points of the rules that fired, capped at 100, and a decision.
import type { FraudDecision, Transaction } from '../events/payments';
import type { CardProfile } from './card-profile';
import type { FraudConfig } from './fraud-config';
import { FRAUD_RULES, type FraudRuleId, type RuleHit } from './fraud-rules';

export interface TransactionScore {
  /** 0–100: the sum of the fired rules' points, capped. */
  score: number;
  decision: FraudDecision;
  /** One explanation per fired rule, in rule order. */
  reasons: string[];
  rulesFired: FraudRuleId[];
  hits: RuleHit[];
}

export const MAX_SCORE = 100;

export function decide(score: number, { reviewAtScore, declineAtScore }: FraudConfig['decision']): FraudDecision {
  if (score >= declineAtScore) return 'decline';
  return score >= reviewAtScore ? 'review' : 'approve';
}

/** Pure and deterministic: the same profile, transaction and config always give the same score and reasons. */
export function scoreTransaction(profile: CardProfile, transaction: Transaction, config: FraudConfig): TransactionScore {
  const hits = FRAUD_RULES.flatMap((rule) => rule(profile, transaction, config) ?? []);
  const score = Math.min(MAX_SCORE, Math.round(hits.reduce((sum, hit) => sum + hit.points, 0)));
  return {
    score,
    decision: decide(score, config.decision),
    reasons: hits.map((hit) => hit.reason),
    rulesFired: hits.map((hit) => hit.rule),
    hits,
  };
}
