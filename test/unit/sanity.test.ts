import { keepAliveHttpHandler } from '../../shared/aws/clients';
test('client factory builds an HTTP/1.1 handler', () => {
  expect(keepAliveHttpHandler()).toBeDefined();
});
