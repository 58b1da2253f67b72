// Unit tests: DetectLabels allow-list and threshold, DetectFaces filtering, SearchFacesByImage per camera, "no face" and errors.
import { DetectFacesCommand, DetectLabelsCommand, RekognitionClient, SearchFacesByImageCommand } from '@aws-sdk/client-rekognition';
import { mockClient } from 'aws-sdk-client-mock';
import { createRekognitionImageAnalyzer } from '../../../../shared/aws/rekognition-image-analyzer';
import { UnanalysableFrameError } from '../../../../shared/video/ports';

const rekognition = mockClient(RekognitionClient);
const analyzer = createRekognitionImageAnalyzer(new RekognitionClient({ region: 'eu-west-1' }), { collectionId: 'faces' });
const png = Uint8Array.of(1, 2, 3);
const awsError = (name: string, fault = 'client') => Object.assign(new Error(name), { name, $fault: fault, $metadata: { httpStatusCode: fault === 'server' ? 500 : 400 } });

beforeEach(() => rekognition.reset());

describe('Rekognition image analyzer', () => {
  it('sends the camera labels as inclusion filters with the minimum confidence', async () => {
    rekognition.on(DetectLabelsCommand).resolves({ Labels: [{ Name: 'Person', Confidence: 98.5 }, { Name: 'Car' }] });

    await expect(analyzer.detectLabels(png, { labels: ['Person', 'Car'], minConfidence: 80 })).resolves.toEqual([{ name: 'Person', confidence: 98.5 }]);
    expect(rekognition.commandCalls(DetectLabelsCommand)[0]?.args[0].input).toEqual({
      Image: { Bytes: png },
      MinConfidence: 80,
      Features: ['GENERAL_LABELS'],
      Settings: { GeneralLabels: { LabelInclusionFilters: ['Person', 'Car'] } },
    });
  });

  it('keeps faces at or above the minimum confidence', async () => {
    rekognition.on(DetectFacesCommand).resolves({ FaceDetails: [{ Confidence: 99 }, { Confidence: 50 }] });

    await expect(analyzer.detectFaces(png, { minConfidence: 80 })).resolves.toEqual([99]);
  });

  it('returns the best match enrolled for the camera, and no match when Rekognition finds no face', async () => {
    rekognition
      .on(SearchFacesByImageCommand)
      .resolvesOnce({
        FaceMatches: [
          { Similarity: 99.6, Face: { FaceId: 'f-0', ExternalImageId: 'back-door:bob' } },
          { Similarity: 97.1, Face: { FaceId: 'f-2', ExternalImageId: 'front-door:alice' } },
          { Similarity: 99.2, Face: { FaceId: 'f-1', ExternalImageId: 'front-door:alice' } },
        ],
      })
      .rejectsOnce(awsError('InvalidParameterException'));

    await expect(analyzer.searchKnownFace(png, { cameraId: 'front-door' })).resolves.toEqual({ match: { faceId: 'f-1', externalImageId: 'front-door:alice', similarity: 99.2 } });
    await expect(analyzer.searchKnownFace(png, { cameraId: 'front-door' })).resolves.toEqual({});
    // Every match above the threshold is asked for: MaxFaces 1 could return only another camera's look-alike.
    expect(rekognition.commandCalls(SearchFacesByImageCommand)[0]?.args[0].input).toMatchObject({ CollectionId: 'faces', FaceMatchThreshold: 80, MaxFaces: 4096 });
  });

  it('counts a face known only at another camera (or enrolled without a camera) as unknown', async () => {
    rekognition.on(SearchFacesByImageCommand).resolves({
      FaceMatches: [
        { Similarity: 99.9, Face: { FaceId: 'f-0', ExternalImageId: 'back-door:bob' } },
        { Similarity: 99.5, Face: { FaceId: 'f-3', ExternalImageId: 'front-door-2:carol' } },
        { Similarity: 99.1, Face: { FaceId: 'f-4', ExternalImageId: 'front-door' } },
        { Similarity: 98.0, Face: { FaceId: 'f-5' } },
      ],
    });

    await expect(analyzer.searchKnownFace(png, { cameraId: 'front-door' })).resolves.toEqual({});
    await expect(analyzer.searchKnownFace(png, { cameraId: 'back-door' })).resolves.toEqual({ match: { faceId: 'f-0', externalImageId: 'back-door:bob', similarity: 99.9 } });
  });

  it('marks bad images as unanalysable and lets throttling and 5xx through for a retry', async () => {
    rekognition.on(DetectLabelsCommand).rejectsOnce(awsError('InvalidImageFormatException')).rejectsOnce(awsError('ThrottlingException')).rejectsOnce(awsError('InternalServerError', 'server'));
    const detect = () => analyzer.detectLabels(png, { labels: ['Person'], minConfidence: 80 });

    await expect(detect()).rejects.toBeInstanceOf(UnanalysableFrameError);
    await expect(detect()).rejects.toMatchObject({ name: 'ThrottlingException' });
    await expect(detect()).rejects.toMatchObject({ name: 'InternalServerError' });
  });
});
