// CloudFormation intrinsic functions (Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::If, conditions, ...) over plain JSON values.
import { isRecord } from './load';

/** What the pseudo parameters (AWS::Region, AWS::AccountId, ...) resolve to. */
export interface PseudoParameters {
  region: string;
  accountId: string;
  stackName: string;
  stackId: string;
  partition: string;
  urlSuffix: string;
}

/** Everything a value can refer to. `ref` and `getAtt` cover resources only; parameters and pseudo parameters are here. */
export interface IntrinsicScope {
  pseudo: PseudoParameters;
  parameters: Readonly<Record<string, string | string[]>>;
  mappings?: Readonly<Record<string, unknown>>;
  condition(name: string, path: string): boolean;
  isResource(logicalId: string): boolean;
  ref(logicalId: string, path: string): string;
  getAtt(logicalId: string, attribute: string, path: string): string;
}

/** A template error that names where it happened, e.g. "Resources.Stream.Properties.ShardCount: ...". */
export class TemplateError extends Error {
  override name = 'TemplateError';
}

/** `Ref: AWS::NoValue` removes the property (or list element) that holds it; resolved values may be this marker. */
export const noValue: unique symbol = Symbol('AWS::NoValue');

type IntrinsicHandler = (argument: unknown, scope: IntrinsicScope, path: string) => unknown;

const handlers: Record<string, IntrinsicHandler> = {
  Ref: resolveRef,
  'Fn::GetAtt': resolveGetAtt,
  'Fn::Sub': resolveSub,
  'Fn::Join': resolveJoin,
  'Fn::Select': resolveSelect,
  'Fn::Split': resolveSplit,
  'Fn::If': resolveIf,
  'Fn::Equals': (argument, scope, path) => evaluateCondition({ 'Fn::Equals': argument }, scope, path),
  'Fn::Not': (argument, scope, path) => evaluateCondition({ 'Fn::Not': argument }, scope, path),
  'Fn::And': (argument, scope, path) => evaluateCondition({ 'Fn::And': argument }, scope, path),
  'Fn::Or': (argument, scope, path) => evaluateCondition({ 'Fn::Or': argument }, scope, path),
  'Fn::GetAZs': resolveGetAZs,
  'Fn::Base64': (argument, scope, path) => Buffer.from(resolveString(argument, scope, `${path}.Fn::Base64`)).toString('base64'),
  'Fn::FindInMap': resolveFindInMap,
  'Fn::ImportValue': (_argument, _scope, path) => {
    throw new TemplateError(
      `${path}: Fn::ImportValue reads another stack's exports, and the local cloud runs this stack alone; ` +
        'pass the value as a parameter instead',
    );
  },
};

/** Resolves every intrinsic in a value. NoValue inside objects and lists removes the entry; at the top it is returned. */
export function resolveValue(value: unknown, scope: IntrinsicScope, path: string): unknown {
  if (Array.isArray(value)) {
    return value.map((item, index) => resolveValue(item, scope, `${path}[${index}]`)).filter((item) => item !== noValue);
  }
  if (!isRecord(value)) return value;
  const intrinsic = intrinsicName(value);
  if (intrinsic) {
    const handler = handlers[intrinsic];
    if (!handler) throw new TemplateError(`${path}: unsupported intrinsic function ${intrinsic}`);
    return handler(value[intrinsic], scope, path);
  }
  const resolved: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const itemValue = resolveValue(item, scope, `${path}.${key}`);
    if (itemValue !== noValue) resolved[key] = itemValue;
  }
  return resolved;
}

/** The intrinsic a one-key object calls ("Ref", "Fn::..."), if it is one. */
export function intrinsicName(value: Record<string, unknown>): string | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [key] = keys as [string];
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

/** Evaluates a condition expression: Fn::Equals/Not/And/Or, {Condition: name}, or a literal boolean. */
export function evaluateCondition(expression: unknown, scope: IntrinsicScope, path: string): boolean {
  if (typeof expression === 'boolean') return expression;
  if (expression === 'true' || expression === 'false') return expression === 'true';
  if (!isRecord(expression) || Object.keys(expression).length !== 1) {
    throw new TemplateError(`${path}: a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or {Condition: name}`);
  }
  const [[name, argument]] = Object.entries(expression) as [[string, unknown]];
  const at = `${path}.${name}`;
  switch (name) {
    case 'Condition':
      if (typeof argument !== 'string') throw new TemplateError(`${at}: expected a condition name`);
      return scope.condition(argument, at);
    case 'Fn::Equals': {
      const [left, right] = expectList(argument, 2, 2, at);
      return sameValue(resolveValue(left, scope, `${at}[0]`), resolveValue(right, scope, `${at}[1]`));
    }
    case 'Fn::Not': {
      const [operand] = expectList(argument, 1, 1, at);
      return !evaluateCondition(operand, scope, `${at}[0]`);
    }
    case 'Fn::And':
      return expectList(argument, 2, 10, at).every((operand, index) => evaluateCondition(operand, scope, `${at}[${index}]`));
    case 'Fn::Or':
      return expectList(argument, 2, 10, at).some((operand, index) => evaluateCondition(operand, scope, `${at}[${index}]`));
    default:
      throw new TemplateError(`${at}: ${name} is not a condition function`);
  }
}

/** CloudFormation compares the values as strings: a Number parameter "1" equals the literal 1. */
function sameValue(left: unknown, right: unknown): boolean {
  return JSON.stringify(normalizeScalars(left)) === JSON.stringify(normalizeScalars(right));
}

function normalizeScalars(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(normalizeScalars);
  return value;
}

function resolveRef(argument: unknown, scope: IntrinsicScope, path: string): unknown {
  const at = `${path}.Ref`;
  if (typeof argument !== 'string') throw new TemplateError(`${at}: expected a logical id or parameter name`);
  return refByName(argument, scope, at);
}

/** Ref semantics: pseudo parameters, then template parameters, then resources. */
function refByName(name: string, scope: IntrinsicScope, path: string): unknown {
  const pseudo = pseudoParameter(name, scope.pseudo);
  if (pseudo !== undefined) return pseudo;
  if (name in scope.parameters) return scope.parameters[name];
  if (scope.isResource(name)) return scope.ref(name, path);
  throw new TemplateError(`${path}: ${name} is neither a parameter nor a resource of this template`);
}

function pseudoParameter(name: string, pseudo: PseudoParameters): string | string[] | typeof noValue | undefined {
  switch (name) {
    case 'AWS::Region':
      return pseudo.region;
    case 'AWS::AccountId':
      return pseudo.accountId;
    case 'AWS::StackName':
      return pseudo.stackName;
    case 'AWS::StackId':
      return pseudo.stackId;
    case 'AWS::Partition':
      return pseudo.partition;
    case 'AWS::URLSuffix':
      return pseudo.urlSuffix;
    case 'AWS::NotificationARNs':
      return [];
    case 'AWS::NoValue':
      return noValue;
    default:
      return undefined;
  }
}

function resolveGetAtt(argument: unknown, scope: IntrinsicScope, path: string): string {
  const at = `${path}.Fn::GetAtt`;
  const [logicalId, attribute] = getAttTarget(argument, scope, at);
  if (!scope.isResource(logicalId)) throw new TemplateError(`${at}: ${logicalId} is not a resource of this template`);
  return scope.getAtt(logicalId, attribute, at);
}

/** Fn::GetAtt takes ["Id", "Attr"] (the attribute may be a Ref) or the short "Id.Attr" string. */
export function getAttTarget(argument: unknown, scope: IntrinsicScope | undefined, path: string): [string, string] {
  if (typeof argument === 'string') {
    const dot = argument.indexOf('.');
    if (dot > 0) return [argument.slice(0, dot), argument.slice(dot + 1)];
  } else if (Array.isArray(argument) && argument.length === 2 && typeof argument[0] === 'string') {
    const attribute: unknown = scope ? resolveValue(argument[1], scope, `${path}[1]`) : argument[1];
    if (typeof attribute === 'string') return [argument[0], attribute];
  }
  throw new TemplateError(`${path}: expected ["LogicalId", "Attribute"] or "LogicalId.Attribute"`);
}

function resolveSub(argument: unknown, scope: IntrinsicScope, path: string): string {
  const at = `${path}.Fn::Sub`;
  const [text, variables] = subArguments(argument, at);
  const resolvedVariables = new Map<string, string>();
  for (const [name, value] of Object.entries(variables)) {
    resolvedVariables.set(name, resolveString(value, scope, `${at}[1].${name}`));
  }
  return substitute(text, (name) => {
    const variable = resolvedVariables.get(name);
    if (variable !== undefined) return variable;
    const dot = name.indexOf('.');
    if (dot > 0 && !name.startsWith('AWS::')) {
      const logicalId = name.slice(0, dot);
      if (!scope.isResource(logicalId)) throw new TemplateError(`${at}: \${${name}}: ${logicalId} is not a resource of this template`);
      return scope.getAtt(logicalId, name.slice(dot + 1), at);
    }
    return scalarToString(refByName(name, scope, at), `${at}: \${${name}}`);
  });
}

/** Fn::Sub is either "text" or ["text", {Name: value}]. */
export function subArguments(argument: unknown, path: string): [string, Record<string, unknown>] {
  if (typeof argument === 'string') return [argument, {}];
  if (Array.isArray(argument) && argument.length === 2 && typeof argument[0] === 'string' && isRecord(argument[1])) {
    return [argument[0], argument[1]];
  }
  throw new TemplateError(`${path}: expected "text" or ["text", {variables}]`);
}

/**
 * Replaces each ${Name} using `lookup`; "${!Literal}" stays as the text "${Literal}" (CloudFormation's escape).
 * Exported so dependency analysis can list the names a Sub refers to without resolving them.
 */
export function substitute(text: string, lookup: (name: string) => string): string {
  return text.replace(/\$\{([^}]*)\}/g, (_match, inner: string) => (inner.startsWith('!') ? `\${${inner.slice(1)}}` : lookup(inner)));
}

function resolveJoin(argument: unknown, scope: IntrinsicScope, path: string): string {
  const at = `${path}.Fn::Join`;
  const [delimiter, items] = expectList(argument, 2, 2, at);
  if (typeof delimiter !== 'string') throw new TemplateError(`${at}[0]: the delimiter must be a string`);
  const list = resolveList(items, scope, `${at}[1]`);
  return list.map((item, index) => scalarToString(item, `${at}[1][${index}]`)).join(delimiter);
}

function resolveSelect(argument: unknown, scope: IntrinsicScope, path: string): unknown {
  const at = `${path}.Fn::Select`;
  const [indexArgument, items] = expectList(argument, 2, 2, at);
  const index = Number(resolveValue(indexArgument, scope, `${at}[0]`));
  const list = resolveList(items, scope, `${at}[1]`);
  if (!Number.isInteger(index) || index < 0 || index >= list.length) {
    throw new TemplateError(`${at}: index ${String(indexArgument)} is outside the list of ${list.length}`);
  }
  return list[index];
}

function resolveSplit(argument: unknown, scope: IntrinsicScope, path: string): string[] {
  const at = `${path}.Fn::Split`;
  const [delimiter, source] = expectList(argument, 2, 2, at);
  if (typeof delimiter !== 'string' || delimiter === '') throw new TemplateError(`${at}[0]: the delimiter must be a non-empty string`);
  return resolveString(source, scope, `${at}[1]`).split(delimiter);
}

function resolveIf(argument: unknown, scope: IntrinsicScope, path: string): unknown {
  const at = `${path}.Fn::If`;
  const [condition, whenTrue, whenFalse] = expectList(argument, 3, 3, at);
  if (typeof condition !== 'string') throw new TemplateError(`${at}[0]: expected a condition name`);
  return scope.condition(condition, `${at}[0]`)
    ? resolveValue(whenTrue, scope, `${at}[1]`)
    : resolveValue(whenFalse, scope, `${at}[2]`);
}

/** The local cloud has no zones; three names shaped like the region's are enough for templates that Select one. */
function resolveGetAZs(argument: unknown, scope: IntrinsicScope, path: string): string[] {
  const region = resolveValue(argument, scope, `${path}.Fn::GetAZs`);
  const name = typeof region === 'string' && region !== '' ? region : scope.pseudo.region;
  return ['a', 'b', 'c'].map((zone) => `${name}${zone}`);
}

function resolveFindInMap(argument: unknown, scope: IntrinsicScope, path: string): unknown {
  const at = `${path}.Fn::FindInMap`;
  const keys = expectList(argument, 3, 3, at).map((key, index) => resolveString(key, scope, `${at}[${index}]`));
  let node: unknown = scope.mappings ?? {};
  for (const key of keys) {
    if (!isRecord(node) || !(key in node)) throw new TemplateError(`${at}: no mapping entry ${keys.join(' → ')}`);
    node = node[key];
  }
  return node;
}

function resolveList(value: unknown, scope: IntrinsicScope, path: string): unknown[] {
  const list = resolveValue(value, scope, path);
  if (!Array.isArray(list)) throw new TemplateError(`${path}: expected a list`);
  return list;
}

function resolveString(value: unknown, scope: IntrinsicScope, path: string): string {
  return scalarToString(resolveValue(value, scope, path), path);
}

function scalarToString(value: unknown, path: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TemplateError(`${path}: expected a string, got ${value === noValue ? 'AWS::NoValue' : JSON.stringify(value)}`);
}

function expectList(argument: unknown, min: number, max: number, path: string): unknown[] {
  if (!Array.isArray(argument) || argument.length < min || argument.length > max) {
    const size = min === max ? `${min}` : `${min} to ${max}`;
    throw new TemplateError(`${path}: expected a list of ${size} arguments`);
  }
  return argument;
}
