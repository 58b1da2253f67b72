import { duckDbTypeOf, HiveTypeError } from '../../../../scripts/athena/hive-types';

describe('duckDbTypeOf', () => {
  test.each([
    ['string', 'VARCHAR'],
    ['int', 'INTEGER'],
    ['bigint', 'BIGINT'],
    ['double', 'DOUBLE'],
    ['varchar(20)', 'VARCHAR'],
    ['decimal(10,2)', 'DECIMAL(10, 2)'],
    ['array<string>', 'VARCHAR[]'],
    ['map<string,string>', 'MAP(VARCHAR, VARCHAR)'],
    ['struct<lat:double,lon:double,site:string>', 'STRUCT("lat" DOUBLE, "lon" DOUBLE, "site" VARCHAR)'],
    ['struct<tags:array<string>, inner:struct<n:int>>', 'STRUCT("tags" VARCHAR[], "inner" STRUCT("n" INTEGER))'],
  ])('%s → %s', (hive, duckdb) => {
    expect(duckDbTypeOf(hive)).toBe(duckdb);
  });

  test.each(['uniontype<int,string>', 'struct<a:int', 'array<string>>'])('refuses %s', (hive) => {
    expect(() => duckDbTypeOf(hive)).toThrow(HiveTypeError);
  });
});
