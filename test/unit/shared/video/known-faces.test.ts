// The per-camera enrolment convention of the shared known-faces collection.
import { isEnrolledFor, knownFaceExternalId } from '../../../../shared/video/known-faces';

test('a face counts for a camera only when its ExternalImageId starts with "<cameraId>:"', () => {
  expect(knownFaceExternalId('front-door', 'alice')).toBe('front-door:alice');
  expect(isEnrolledFor('front-door', 'front-door:alice')).toBe(true);
  expect(isEnrolledFor('front-door', 'back-door:alice')).toBe(false);
  // A camera id that is a prefix of another's must not borrow its faces.
  expect(isEnrolledFor('front', 'front-door:alice')).toBe(false);
  expect(isEnrolledFor('front-door', 'front-door')).toBe(false);
  expect(isEnrolledFor('front-door', undefined)).toBe(false);
});
