// Unit tests: which frames become detections and which labels alert (allow-list, threshold, known faces, windows).
import { decideVideoOutcome } from '../../../../shared/video/video-outcome';
import { camera, frame, motion, OUTCOME_OPTIONS } from './fixtures';

describe('decideVideoOutcome', () => {
  it('keeps one detection per frame with a label of interest at or above the minimum confidence', () => {
    const frames = [frame(1, [['Person', 97.04], ['Tree', 99]]), frame(2, [['Car', 79.9]]), frame(3, [])];

    const { detections } = decideVideoOutcome(camera(), motion(), frames, OUTCOME_OPTIONS);

    expect(detections).toEqual([
      {
        cameraId: 'front-door',
        detectionId: '2026-11-02T10:00:01.000Z#motion-1',
        eventId: 'motion-1',
        frameAt: '2026-11-02T10:00:01.000Z',
        labels: [{ name: 'Person', confidence: 97 }],
        frameKey: `video/frames/front-door/2026-11-02/motion-1/${Date.parse('2026-11-02T10:00:01.000Z')}.png`,
        analysedAt: OUTCOME_OPTIONS.analysedAt,
        expiresAt: Date.parse(OUTCOME_OPTIONS.analysedAt) / 1000 + 30 * 86_400,
      },
    ]);
  });

  it('raises one alert per label, keyed by camera, window start and label, whatever the number of frames', () => {
    const frames = [frame(1, [['Person', 90]]), frame(2, [['person', 95], ['Car', 88]])];

    const { alerts } = decideVideoOutcome(camera(), motion(), frames, OUTCOME_OPTIONS);

    expect(alerts.map(({ alert }) => [alert.entityId, alert.alertId, alert.severity, alert.score])).toEqual([
      ['camera#front-door', '2026-11-02T10:00:00.000Z#label-detected#Person', 'high', 95],
      ['camera#front-door', '2026-11-02T10:00:00.000Z#label-detected#Car', 'medium', 88],
    ]);
    expect(alerts[0]?.message).toMatchObject({ label: 'Person', frameKeys: [expect.any(String), expect.any(String)], eventId: 'motion-1' });
  });

  it('maps two events in the same window to the same alert id, and events in the next window to a new one', () => {
    const decide = (detectedAt: string) =>
      decideVideoOutcome(camera(), motion({ detectedAt }), [frame(1, [['Car', 90]])], OUTCOME_OPTIONS).alerts[0]?.alert.alertId;

    expect(decide('2026-11-02T10:01:00.000Z')).toBe(decide('2026-11-02T10:04:59.999Z'));
    expect(decide('2026-11-02T10:05:00.000Z')).not.toBe(decide('2026-11-02T10:04:59.999Z'));
  });

  describe('with known faces on', () => {
    const knownCamera = camera({ knownFaces: true });
    const known = { faceId: 'face-1', externalImageId: 'front-door:alice', similarity: 99.1 };

    it('records the people seen and does not alert when only known faces appear', () => {
      const frames = [frame(1, [['Person', 95]], { confidences: [99], search: { match: known } }), frame(2, [['Person', 96]], { confidences: [], search: {} })];

      const { detections, alerts } = decideVideoOutcome(knownCamera, motion(), frames, OUTCOME_OPTIONS);

      expect(detections.map((detection) => detection.people)).toEqual([
        { facesDetected: 1, known: [known], unknownFaces: 0 },
        { facesDetected: 0, known: [], unknownFaces: 0 },
      ]);
      expect(alerts).toEqual([]);
    });

    it('alerts on an unknown face', () => {
      const frames = [frame(1, [['Person', 95]], { confidences: [99, 98], search: { match: known } })];

      const { alerts } = decideVideoOutcome(knownCamera, motion(), frames, OUTCOME_OPTIONS);

      expect(alerts[0]?.alert.reasons).toEqual(['Person seen in 1 frame(s), confidence up to 95%', '1 unknown face(s)']);
    });

    it('alerts on a person whose face was never visible', () => {
      const frames = [frame(1, [['Person', 95]], { confidences: [], search: {} })];

      const { alerts } = decideVideoOutcome(knownCamera, motion(), frames, OUTCOME_OPTIONS);

      expect(alerts[0]?.alert.reasons[1]).toBe('no face visible to compare with known faces');
    });
  });
});
