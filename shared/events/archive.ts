// Port for the raw-event archive (Firehose → S3 → Athena in the cloud); domain code depends on this, not on Firehose.

export interface ArchiveEntry {
  /** Lets the caller map a failure back to its source record (e.g. the Kinesis sequence number). */
  id: string;
  /** Serialised as one JSON object per archive record. */
  event: unknown;
}

export interface ArchiveFailure {
  id: string;
  errorCode: string;
  errorMessage?: string;
}

export interface EventArchive {
  /** Appends every entry; resolves with the entries that still failed after retries (never throws for them). */
  append(entries: readonly ArchiveEntry[]): Promise<ArchiveFailure[]>;
}
