// Resource matching: REST API precedence of literal parts over {param} over {proxy+}, with backtracking.
import { findMethod, matchResource, pathSegments } from '../../../../../scripts/local/api-gateway/resource-router';
import type { ApiMethod, ApiResourceNode } from '../../../../../scripts/local/api-gateway/rest-api-model';

function node(id: string, path: string, children: ApiResourceNode[] = [], methods: string[] = []): ApiResourceNode {
  const pathPart = path === '/' ? '' : (path.split('/').at(-1) ?? '');
  const methodMap = new Map<string, ApiMethod>(methods.map((httpMethod) => [httpMethod, { httpMethod, apiKeyRequired: false, functionArn: `fn-${id}`, timeoutMs: undefined }]));
  return { id, pathPart, path, children, methods: methodMap };
}

// /, /orders, /orders/{orderId}, /orders/{orderId}/lines, /orders/recent, /orders/recent/summary, /{proxy+}
const tree = node('root', '/', [
  node('orders', '/orders', [
    node('order', '/orders/{orderId}', [node('lines', '/orders/{orderId}/lines', [], ['GET'])], ['GET', 'ANY']),
    node('recent', '/orders/recent', [node('summary', '/orders/recent/summary', [], ['GET'])], ['GET']),
  ]),
  node('proxy', '/{proxy+}', [], ['ANY']),
]);

describe('matchResource', () => {
  it.each([
    ['/', 'root', null],
    ['/orders', 'orders', null],
    ['/orders/', 'orders', null],
    ['/orders/recent', 'recent', null],
    ['/orders/o-1', 'order', { orderId: 'o-1' }],
    ['/orders/recent/lines', 'lines', { orderId: 'recent' }],
    ['/orders/o%2F1/lines', 'lines', { orderId: 'o%2F1' }],
    ['/anything/else/here', 'proxy', { proxy: 'anything/else/here' }],
  ])('matches %s to %s', (path, resourceId, pathParameters) => {
    expect(matchResource(tree, path)).toEqual({ resource: expect.objectContaining({ id: resourceId }) as unknown, pathParameters });
  });

  it('does not match a path no resource covers', () => {
    const withoutProxy = { ...tree, children: tree.children.filter((child) => child.id !== 'proxy') };
    expect(matchResource(withoutProxy, '/orders/o-1/unknown')).toBeUndefined();
  });
});

describe('findMethod', () => {
  it('prefers the exact method over ANY and falls back to ANY', () => {
    const order = matchResource(tree, '/orders/o-1')?.resource as ApiResourceNode;
    expect(findMethod(order, 'get')?.httpMethod).toBe('GET');
    expect(findMethod(order, 'DELETE')?.httpMethod).toBe('ANY');
    expect(findMethod(matchResource(tree, '/orders')?.resource as ApiResourceNode, 'GET')).toBeUndefined();
  });
});

describe('pathSegments', () => {
  it('drops the leading and one trailing slash', () => {
    expect(pathSegments('/')).toEqual([]);
    expect(pathSegments('/a/b/')).toEqual(['a', 'b']);
  });
});
