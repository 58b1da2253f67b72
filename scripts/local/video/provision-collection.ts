// AWS::Rekognition::Collection: created in the local Rekognition fake, or found there already.
import { CreateCollectionCommand } from '@aws-sdk/client-rekognition';
import { isAwsError, reportIgnoredProperties, tagRecord, type ResourceProvisioner } from '../provision/context';

export const provisionRekognitionCollection: ResourceProvisioner = async (resource, context) => {
  const collectionId = resource.properties.CollectionId;
  if (typeof collectionId !== 'string' || collectionId === '') throw new Error(`${resource.logicalId}.CollectionId: expected a collection id`);
  try {
    await context.clients.rekognition.send(new CreateCollectionCommand({ CollectionId: collectionId, Tags: tagRecord(resource.properties.Tags) }));
    context.log(`${resource.logicalId}: Rekognition collection ${collectionId}`);
  } catch (error) {
    // Provisioning runs on every start; the collection (and the faces indexed into it) outlive a restart of the stack.
    if (!isAwsError(error, 'ResourceAlreadyExistsException')) throw error;
    context.log(`${resource.logicalId}: Rekognition collection ${collectionId} exists`);
  }
  reportIgnoredProperties(resource, ['CollectionId', 'Tags'], context);
  // Ref is the collection id; Fn::GetAtt Arn the ARN (with "arn:", unlike CreateCollection's own answer).
  return {
    physicalId: collectionId,
    attributes: { Arn: `arn:aws:rekognition:${context.region}:${context.accountId}:collection/${collectionId}` },
  };
};
