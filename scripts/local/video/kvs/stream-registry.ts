// The KVS streams of one account and region: identity, settings, tags and the media each one holds.
import { createHash } from 'node:crypto';
import type { VideoClock } from '../clock';
import { ServiceError } from '../service-error';
import { FragmentStore } from './fragment-store';

export interface VideoStream {
  name: string;
  arn: string;
  /** Changes on every update; DeleteStream/UpdateDataRetention can require the current one. */
  version: string;
  deviceName?: string;
  mediaType?: string;
  kmsKeyId: string;
  dataRetentionInHours: number;
  creationTimeMs: number;
  status: 'ACTIVE';
  tags: Map<string, string>;
  media: FragmentStore;
}

export interface NewStream {
  name: string;
  deviceName?: string;
  mediaType?: string;
  kmsKeyId?: string;
  dataRetentionInHours: number;
  tags?: Record<string, string>;
}

/** Which stream a request means: exactly what the API accepts (a name, an ARN, or both naming the same stream). */
export interface StreamReference {
  name?: string;
  arn?: string;
}

export const MAX_TAGS_PER_STREAM = 50;

export class StreamRegistry {
  private readonly streams = new Map<string, VideoStream>();
  private versionCounter = 0;

  constructor(
    private readonly region: string,
    private readonly accountId: string,
    private readonly clock: VideoClock,
  ) {}

  create(input: NewStream): VideoStream {
    if (this.streams.has(input.name)) throw new ServiceError('ResourceInUseException', `The stream ${input.name} already exists.`);
    const creationTimeMs = this.clock.now();
    const stream: VideoStream = {
      name: input.name,
      arn: `arn:aws:kinesisvideo:${this.region}:${this.accountId}:stream/${input.name}/${creationTimeMs}`,
      version: this.nextVersion(input.name),
      deviceName: input.deviceName,
      mediaType: input.mediaType,
      // Without a key KVS encrypts with the AWS managed key of the service.
      kmsKeyId: input.kmsKeyId ?? `arn:aws:kms:${this.region}:${this.accountId}:alias/aws/kinesisvideo`,
      dataRetentionInHours: input.dataRetentionInHours,
      creationTimeMs,
      status: 'ACTIVE',
      tags: new Map(Object.entries(input.tags ?? {})),
      media: new FragmentStore(),
    };
    this.streams.set(stream.name, stream);
    return stream;
  }

  /** Resolves a name and/or ARN; a missing stream is ResourceNotFoundException, a missing reference `errorCode`. */
  resolve(reference: StreamReference, errorCode = 'InvalidArgumentException'): VideoStream {
    if (!reference.name && !reference.arn) throw new ServiceError(errorCode, 'Either StreamName or StreamARN must be specified.');
    const stream = reference.arn ? this.byArn(reference.arn) : this.streams.get(reference.name ?? '');
    if (!stream || (reference.name && stream.name !== reference.name)) {
      throw new ServiceError('ResourceNotFoundException', 'The requested stream is not found or not active.');
    }
    return stream;
  }

  delete(arn: string, currentVersion?: string): void {
    const stream = this.resolve({ arn });
    if (currentVersion !== undefined && currentVersion !== stream.version) {
      throw new ServiceError('VersionMismatchException', `The stream version ${currentVersion} is not the current version ${stream.version}.`);
    }
    stream.media.clear();
    this.streams.delete(stream.name);
  }

  /** Sorted by name, the order ListStreams pages in. */
  list(): VideoStream[] {
    return [...this.streams.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  touch(stream: VideoStream): void {
    stream.version = this.nextVersion(stream.name);
  }

  private byArn(arn: string): VideoStream | undefined {
    return [...this.streams.values()].find((stream) => stream.arn === arn);
  }

  private nextVersion(name: string): string {
    this.versionCounter += 1;
    return createHash('sha256').update(`${name}/${this.versionCounter}`).digest('hex').slice(0, 20);
  }
}
