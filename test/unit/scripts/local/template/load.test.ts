// Template loading: the shape checks that keep resolver errors about content, not about malformed JSON.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTemplate, parseTemplate } from '../../../../../scripts/local/template/load';

describe('parseTemplate', () => {
  it.each([
    [[], 'a CloudFormation template is a JSON object'],
    [{}, 'Resources must be an object'],
    [{ Resources: { A: { Properties: {} } } }, 'Resources.A.Type must be a string'],
    [{ Resources: { A: { Type: 'AWS::SQS::Queue', Properties: [] } } }, 'Resources.A.Properties must be an object'],
    [{ Resources: { A: { Type: 'AWS::SQS::Queue', DependsOn: [1] } } }, 'Resources.A.DependsOn must be a logical id or a list of them'],
    [{ Resources: {}, Conditions: [] }, 'Conditions must be an object'],
  ])('rejects %j', (value, message) => {
    expect(() => parseTemplate(value, 't.json')).toThrow(`t.json: ${message}`);
  });
});

describe('loadTemplate', () => {
  const directory = mkdtempSync(join(tmpdir(), 'template-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('reads a packaged template file', () => {
    const path = join(directory, 'ok.json');
    writeFileSync(path, JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } }));
    expect(loadTemplate(path).Resources.Q?.Type).toBe('AWS::SQS::Queue');
  });

  it('says to run `sls package` when the file is missing', () => {
    expect(() => loadTemplate(join(directory, 'missing.json'))).toThrow(/cannot read the CloudFormation template .*missing\.json \(run `sls package` first\?\)/);
  });
});
