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

/**
 * Pure and deterministic: the same profile, transaction and config always give the same score and reasons.
 * A plain loop: this runs once per transaction, and most transactions fire no rule at all.
 */
export function scoreTransaction(profile: CardProfile, transaction: Transaction, config: FraudConfig): TransactionScore {
  const hits: RuleHit[] = [];
  const reasons: string[] = [];
  const rulesFired: FraudRuleId[] = [];
  let points = 0;
  for (const rule of FRAUD_RULES) {
    const hit = rule(profile, transaction, config);
    if (hit === undefined) continue;
    hits.push(hit);
    reasons.push(hit.reason);
    rulesFired.push(hit.rule);
    points += hit.points;
  }
  const score = Math.min(MAX_SCORE, Math.round(points));
  return { score, decision: decide(score, config.decision), reasons, rulesFired, hits };
}
