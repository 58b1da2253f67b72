import { CameraUsageError, parseCameraCli } from '../../../../scripts/camera/cli';

describe('camera CLI flags', () => {
  it('applies defaults', () => {
    expect(parseCameraCli(['--camera', 'front-door'])).toEqual({
      kind: 'run',
      options: {
        run: {
          registration: { cameraId: 'front-door', labelsOfInterest: ['Person', 'Car', 'Dog', 'Package'], minConfidence: 80, knownFaces: true },
          scenes: ['empty', 'person'],
          seconds: 3,
          fps: 5,
        },
      },
    });
  });

  it('reads every flag', () => {
    const parsed = parseCameraCli([
      '--camera=porch-1',
      '--scene',
      'car,dog',
      '--seconds',
      '4',
      '--fps',
      '2',
      '--labels',
      'Dog',
      '--min-confidence',
      '60',
      '--no-known-faces',
      '--api-url',
      'http://localhost:3000/dev',
      '--api-key',
      'k',
      '--region',
      'eu-west-1',
    ]);
    expect(parsed).toEqual({
      kind: 'run',
      options: {
        run: { registration: { cameraId: 'porch-1', labelsOfInterest: ['Dog'], minConfidence: 60, knownFaces: false }, scenes: ['car', 'dog'], seconds: 4, fps: 2 },
        apiUrl: 'http://localhost:3000/dev',
        apiKey: 'k',
        region: 'eu-west-1',
      },
    });
    expect(parseCameraCli(['-h'])).toEqual({ kind: 'help' });
  });

  it.each([
    [[], /--camera <id> is required/],
    [['--camera', 'Front Door'], /--camera <id> is required/],
    [['--camera', 'cam', '--scene', 'person,unicorn'], /unknown scene unicorn/],
    [['--camera', 'cam', '--fps', '0'], /--fps/],
    [['--camera', 'cam', '--fps', '2.5'], /whole number/],
    [['--camera', 'cam', '--min-confidence', '101'], /0-100/],
    [['--camera', 'cam', '--colour', 'red'], /Unknown option/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCameraCli(argv)).toThrow(CameraUsageError);
    expect(() => parseCameraCli(argv)).toThrow(message);
  });
});
