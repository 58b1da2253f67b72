// API key checks for key-required methods: the key must exist, be enabled, and belong to a plan for the stage.
import type { ApiKeyDefinition, RestApiModel, UsagePlanDefinition } from './rest-api-model';
import { QuotaCounter, TokenBucket } from './usage-limits';

export type KeyCheck =
  | { allowed: true; apiKey: ApiKeyDefinition }
  | { allowed: false; rejection: 'INVALID_API_KEY' | 'THROTTLED' | 'QUOTA_EXCEEDED' };

interface KeyLimits {
  bucket: TokenBucket | undefined;
  quota: QuotaCounter | undefined;
}

function bucketFor(plan: UsagePlanDefinition, now: number): TokenBucket | undefined {
  const { rateLimit, burstLimit } = plan.throttle ?? {};
  if (rateLimit === undefined && burstLimit === undefined) return undefined;
  const rate = rateLimit ?? Number.POSITIVE_INFINITY;
  return new TokenBucket(rate, burstLimit ?? Math.max(1, Math.ceil(rate)), now);
}

export class UsagePlanEnforcer {
  private readonly limits = new Map<string, KeyLimits>();

  constructor(
    private readonly model: Pick<RestApiModel, 'apiKeys' | 'usagePlans'>,
    private readonly clock: () => number,
  ) {}

  /** Throttling is checked before the quota, so a throttled request does not use up quota. */
  check(apiKeyValue: string | undefined, stage: string): KeyCheck {
    const apiKey = this.model.apiKeys.find((key) => key.value === apiKeyValue);
    const plan = apiKey?.enabled ? this.model.usagePlans.find((candidate) => candidate.stages.includes(stage) && candidate.keyIds.includes(apiKey.id)) : undefined;
    if (!apiKey || !plan) return { allowed: false, rejection: 'INVALID_API_KEY' };
    const now = this.clock();
    const limits = this.limitsFor(plan, apiKey, now);
    if (limits.bucket && !limits.bucket.tryTake(now)) return { allowed: false, rejection: 'THROTTLED' };
    if (limits.quota && !limits.quota.tryConsume(now)) return { allowed: false, rejection: 'QUOTA_EXCEEDED' };
    return { allowed: true, apiKey };
  }

  private limitsFor(plan: UsagePlanDefinition, apiKey: ApiKeyDefinition, now: number): KeyLimits {
    const id = `${plan.id}/${apiKey.id}`;
    let limits = this.limits.get(id);
    if (!limits) {
      limits = { bucket: bucketFor(plan, now), quota: plan.quota && new QuotaCounter(plan.quota.limit, plan.quota.period, plan.quota.offset) };
      this.limits.set(id, limits);
    }
    return limits;
  }
}
