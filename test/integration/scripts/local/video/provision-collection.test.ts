// AWS::Rekognition::Collection provisioning against the Rekognition fake: created once, found on the next start.
import { DescribeCollectionCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import type { ProvisioningClients } from '../../../../../scripts/local/provision/clients';
import type { ProvisionContext } from '../../../../../scripts/local/provision/context';
import { provisionRekognitionCollection, startVideoFakes, type VideoFakes } from '../../../../../scripts/local/video';

describe('provisionRekognitionCollection', () => {
  let fakes: VideoFakes;
  let rekognition: RekognitionClient;
  const lines: string[] = [];

  beforeAll(async () => {
    fakes = await startVideoFakes({ region: 'us-east-1', accountId: '123456789012', log: () => undefined, s3Environment: {} });
    rekognition = new RekognitionClient({ region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, endpoint: fakes.url });
  });

  afterAll(async () => {
    rekognition.destroy();
    await fakes.stop();
  });

  const context = (clients: Pick<ProvisioningClients, 'rekognition'>): ProvisionContext => ({
    // Only the Rekognition client is used by this provisioner.
    clients: clients as ProvisioningClients,
    region: 'us-east-1',
    accountId: '123456789012',
    log: (line) => lines.push(line),
    waitTimeoutMs: 1_000,
  });
  const resource = {
    logicalId: 'KnownFacesCollection',
    type: 'AWS::Rekognition::Collection',
    properties: { CollectionId: 'streaming-reference-test-known-faces', Tags: [{ Key: 'app', Value: 'video' }] },
    physicalId: 'streaming-reference-test-known-faces',
    attributes: {},
  };

  it('creates the collection, is idempotent, and returns Ref and Arn', async () => {
    const identity = await provisionRekognitionCollection(resource, context({ rekognition }));
    expect(identity).toEqual({
      physicalId: 'streaming-reference-test-known-faces',
      attributes: { Arn: 'arn:aws:rekognition:us-east-1:123456789012:collection/streaming-reference-test-known-faces' },
    });
    await provisionRekognitionCollection(resource, context({ rekognition }));
    expect(lines).toEqual(['KnownFacesCollection: Rekognition collection streaming-reference-test-known-faces', 'KnownFacesCollection: Rekognition collection streaming-reference-test-known-faces exists']);
    const described = await rekognition.send(new DescribeCollectionCommand({ CollectionId: 'streaming-reference-test-known-faces' }));
    expect(described.FaceCount).toBe(0);
  });
});
