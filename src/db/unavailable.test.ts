import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../errors.ts';
import { isDatabaseUnavailable } from './unavailable.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  test('connection failures, server shutdowns, timeouts and exhausted resources are unavailability', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE']) {
      assert.ok(isDatabaseUnavailable(withCode(code)), code);
    }
    for (const sqlstate of ['57P01', '57P02', '57P03', '57014', '53300', '53100', '08006', '08001']) {
      assert.ok(isDatabaseUnavailable(withCode(sqlstate)), sqlstate);
    }
    for (const message of [
      'Connection terminated unexpectedly',
      'Connection terminated due to connection timeout',
      'timeout exceeded when trying to connect',
      'Query read timeout',
      'Client has encountered a connection error and is not queryable',
    ]) {
      assert.ok(isDatabaseUnavailable(new Error(message)), message);
    }
  });

  test('the cause of a wrapped error and the parts of an AggregateError count', () => {
    assert.ok(isDatabaseUnavailable(new Error('outer', { cause: withCode('ECONNREFUSED') })));
    assert.ok(
      isDatabaseUnavailable(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')])),
    );
  });

  test('faults of the request or of the code are not unavailability', () => {
    for (const sqlstate of ['23505', '23514', '40P01', '42P01', '22P02', 'P0001']) {
      assert.ok(!isDatabaseUnavailable(withCode(sqlstate)), sqlstate);
    }
    assert.ok(!isDatabaseUnavailable(new AppError(409, 'slot_full', 'pris')));
    assert.ok(!isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')")));
    assert.ok(!isDatabaseUnavailable(withCode('FST_ERR_CTP_INVALID_JSON_BODY')));
    assert.ok(!isDatabaseUnavailable('ECONNREFUSED'));
    assert.ok(!isDatabaseUnavailable(undefined));
  });
});
