// Unit tests: the rules configuration (the shipped document, defaults, and every kind of mistake named with its path).
import { DEVICE_TYPES } from '../../../../shared/events/iot';
import { deviceRules, parseDeviceRules } from '../../../../shared/iot/device-rules';
import shippedDocument from '../../../../shared/iot/device-rules.json';

const validDocument = () => ({
  alertWindowMinutes: 15,
  deviceTypes: {
    'cold-storage': { thresholds: { temperature: { min: 2, max: 8 } } },
    hvac: {},
    pump: { heartbeat: { maxSilenceSeconds: 300 } },
  },
});

const problemsOf = (document: unknown): string => {
  try {
    parseDeviceRules(document);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the document to be rejected');
};

describe('device rules configuration', () => {
  it('ships a valid document with rules for every device type', () => {
    expect(deviceRules).toEqual(parseDeviceRules(shippedDocument));
    expect(Object.keys(deviceRules.deviceTypes).sort()).toEqual([...DEVICE_TYPES].sort());
    for (const type of DEVICE_TYPES) expect(deviceRules.deviceTypes[type].heartbeat).toBeDefined();
  });

  it('fills in defaults: severities, empty rule lists and the rate-of-change minimum interval', () => {
    const rules = parseDeviceRules(validDocument());
    expect(rules.rateOfChangeMinIntervalSeconds).toBe(60);
    expect(rules.deviceTypes['cold-storage'].thresholds.temperature).toEqual({ min: 2, max: 8, severity: 'high' });
    expect(rules.deviceTypes.hvac).toEqual({ thresholds: {}, rateOfChange: {} });
    expect(rules.deviceTypes.pump.heartbeat).toEqual({ maxSilenceSeconds: 300, severity: 'medium' });
  });

  it('names a misspelt metric, an inverted range and a threshold without limits', () => {
    const document = validDocument();
    Object.assign(document.deviceTypes.hvac, {
      thresholds: { temprature: { max: 30 }, humidity: { min: 70, max: 30 }, battery: { severity: 'low' } },
    });
    const problems = problemsOf(document);
    expect(problems).toMatch(/^Invalid device rules: /);
    expect(problems).toContain('deviceTypes.hvac.thresholds: Unrecognized key: "temprature"');
    expect(problems).toContain('deviceTypes.hvac.thresholds.humidity: min must be below max');
    expect(problems).toContain('deviceTypes.hvac.thresholds.battery: Set min, max or both');
  });

  it('requires every device type, so a new type cannot ship without a decision about its rules', () => {
    const document = validDocument();
    delete (document.deviceTypes as Partial<typeof document.deviceTypes>).pump;
    expect(problemsOf(document)).toContain('deviceTypes.pump:');
  });

  it('rejects a window that does not divide a day, unknown severities, non-positive limits and unknown fields', () => {
    expect(problemsOf({ ...validDocument(), alertWindowMinutes: 7 })).toContain('alertWindowMinutes: Must divide a day evenly');
    const document = validDocument();
    Object.assign(document.deviceTypes.pump, {
      rateOfChange: { vibration: { maxDeltaPerMinute: 0, severity: 'urgent' } },
      heartbeat: { maxSilenceSeconds: 300, silenceMinutes: 5 },
    });
    const problems = problemsOf(document);
    expect(problems).toContain('deviceTypes.pump.rateOfChange.vibration.maxDeltaPerMinute');
    expect(problems).toContain('deviceTypes.pump.rateOfChange.vibration.severity');
    expect(problems).toContain('deviceTypes.pump.heartbeat: Unrecognized key: "silenceMinutes"');
  });
});
