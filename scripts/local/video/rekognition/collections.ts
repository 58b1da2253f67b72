// Rekognition face collections: which faces were indexed, under which ids, and whose face each one is.
import { createHash } from 'node:crypto';
import type { VideoClock } from '../clock';
import { ServiceError } from '../service-error';

export interface BoundingBox {
  Width: number;
  Height: number;
  Left: number;
  Top: number;
}

export interface IndexedFace {
  faceId: string;
  imageId: string;
  externalImageId?: string;
  boundingBox: BoundingBox;
  confidence: number;
  /**
   * Who the face belongs to, as the fixture manifest says (undefined: a face nobody was told about). Stands in for
   * the face vector a real collection stores: two faces match when they share an identity.
   */
  identity?: string;
}

export interface FaceCollection {
  id: string;
  createdMs: number;
  tags: Map<string, string>;
  faces: Map<string, IndexedFace>;
}

export const FACE_MODEL_VERSION = '7.0';
const COLLECTION_ID = /^[a-zA-Z0-9_.-]{1,255}$/;

export class CollectionRegistry {
  private readonly collections = new Map<string, FaceCollection>();
  private idCounter = 0;

  constructor(
    private readonly region: string,
    private readonly accountId: string,
    private readonly clock: VideoClock,
  ) {}

  create(id: string, tags: Record<string, string> = {}): FaceCollection {
    if (!COLLECTION_ID.test(id)) throw new ServiceError('InvalidParameterException', `CollectionId must match ${COLLECTION_ID.source}`);
    if (this.collections.has(id)) throw new ServiceError('ResourceAlreadyExistsException', `The collection id: ${id} already exists`);
    const collection: FaceCollection = { id, createdMs: this.clock.now(), tags: new Map(Object.entries(tags)), faces: new Map() };
    this.collections.set(id, collection);
    return collection;
  }

  get(id: string): FaceCollection {
    const collection = this.collections.get(id);
    if (!collection) throw new ServiceError('ResourceNotFoundException', `The collection id: ${id} does not exist`);
    return collection;
  }

  delete(id: string): void {
    this.get(id);
    this.collections.delete(id);
  }

  ids(): string[] {
    return [...this.collections.keys()].sort();
  }

  /** The ARN as DescribeCollection returns it. */
  arn(id: string): string {
    return `arn:aws:rekognition:${this.region}:${this.accountId}:collection/${id}`;
  }

  /** Face and image ids are UUIDs on AWS; here derived from a counter so runs compare. */
  newId(kind: 'face' | 'image'): string {
    this.idCounter += 1;
    const hex = createHash('sha256').update(`${kind}/${this.idCounter}`).digest('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}
