// Lambda's IteratorAge for each Kinesis consumer, taken from the local event-source mappings' per-shard statistics.
import type { MappingStats } from '../event-source-mapping';

export interface IteratorAgeSample {
  functionName: string;
  ageMs: number;
}

/** The mapping may name its function by ARN (serverless.yml uses !GetAtt …Arn); the metric's dimension is the name. */
export function functionNameOf(functionNameOrArn: string): string {
  const match = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(functionNameOrArn);
  return match?.[1] ?? functionNameOrArn;
}

/**
 * Lambda publishes IteratorAge once per batch it invokes: the age of the batch's newest record. The mappings keep
 * each shard's invocation count and the age of its last invoked batch, so a shard whose count moved since the
 * previous look yields one sample. Batches between two looks are folded into the latest one: the Maximum over a
 * minute, which the dashboard reads, still sees the lag because the age only shrinks as the consumer catches up.
 * No invocation, no sample, as on AWS: an idle consumer has no IteratorAge datapoints.
 */
export class IteratorAgeSampler {
  private readonly invocationsSeen = new Map<string, number>();

  sample(mappings: readonly MappingStats[]): IteratorAgeSample[] {
    return mappings.flatMap((mapping) =>
      mapping.shards.flatMap((shard): IteratorAgeSample[] => {
        const key = `${mapping.streamArn}|${mapping.functionName}|${shard.shardId}`;
        const seen = this.invocationsSeen.get(key) ?? 0;
        this.invocationsSeen.set(key, shard.invocations);
        if (shard.invocations <= seen || shard.iteratorAgeMs === undefined) return [];
        return [{ functionName: functionNameOf(mapping.functionName), ageMs: shard.iteratorAgeMs }];
      }),
    );
  }
}
