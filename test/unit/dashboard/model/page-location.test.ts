// The API base URL and the key, from the page's own address.
import { apiBaseUrl, hashWithoutKey, keyFromHash } from '../../../../dashboard/src/model/page-location';

test('the API base is the stage URL the page is served under', () => {
  expect(apiBaseUrl('https://abc.execute-api.eu-west-1.amazonaws.com/dev/dashboard#key=k')).toBe('https://abc.execute-api.eu-west-1.amazonaws.com/dev');
  expect(apiBaseUrl('http://127.0.0.1:4566/local/dashboard/?x=1')).toBe('http://127.0.0.1:4566/local');
  expect(apiBaseUrl('http://127.0.0.1:4566/dashboard')).toBe('http://127.0.0.1:4566');
});

test('the key comes from #key= and is then removed from the fragment', () => {
  expect(keyFromHash('#key=abc%2B1')).toBe('abc+1');
  expect(keyFromHash('#key=')).toBeUndefined();
  expect(keyFromHash('')).toBeUndefined();
  expect(hashWithoutKey('#key=abc')).toBe('');
  expect(hashWithoutKey('#key=abc&panel=iot')).toBe('#panel=iot');
});
