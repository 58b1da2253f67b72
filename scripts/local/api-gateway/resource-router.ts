// Matches a request path against the REST API resource tree: literal parts first, then {param}, then {proxy+}.
import type { ApiMethod, ApiResourceNode } from './rest-api-model';

export interface ResourceMatch {
  resource: ApiResourceNode;
  /** Values as they appeared in the URL (REST APIs do not percent-decode path parameters). */
  pathParameters: Record<string, string> | null;
}

const VARIABLE = /^\{([^{}+]+)\}$/;
const GREEDY_VARIABLE = /^\{([^{}+]+)\+\}$/;

/** "/a/b/" → ["a", "b"]: one trailing slash is not a segment of its own. */
export function pathSegments(path: string): string[] {
  const trimmed = path.replace(/^\//, '').replace(/\/$/, '');
  return trimmed === '' ? [] : trimmed.split('/');
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function withParameter(parameters: Record<string, string>, name: string, value: string): Record<string, string> {
  return { ...parameters, [name]: value };
}

function matchFrom(node: ApiResourceNode, segments: string[], index: number, parameters: Record<string, string>): ResourceMatch | undefined {
  if (index === segments.length) return { resource: node, pathParameters: Object.keys(parameters).length > 0 ? parameters : null };
  const segment = segments[index] as string;
  const literal = node.children.find((child) => child.pathPart === decodeSegment(segment));
  const literalMatch = literal && matchFrom(literal, segments, index + 1, parameters);
  if (literalMatch) return literalMatch;
  for (const child of node.children) {
    const name = VARIABLE.exec(child.pathPart)?.[1];
    const match = name !== undefined && segment !== '' ? matchFrom(child, segments, index + 1, withParameter(parameters, name, segment)) : undefined;
    if (match) return match;
  }
  for (const child of node.children) {
    const name = GREEDY_VARIABLE.exec(child.pathPart)?.[1];
    if (name !== undefined) return { resource: child, pathParameters: withParameter(parameters, name, segments.slice(index).join('/')) };
  }
  return undefined;
}

export function matchResource(root: ApiResourceNode, path: string): ResourceMatch | undefined {
  return matchFrom(root, pathSegments(path), 0, {});
}

/** A method defined for the exact HTTP method wins over ANY. */
export function findMethod(resource: ApiResourceNode, httpMethod: string): ApiMethod | undefined {
  return resource.methods.get(httpMethod.toUpperCase()) ?? resource.methods.get('ANY');
}
