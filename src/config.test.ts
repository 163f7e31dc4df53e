import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig, parseConfig } from './config.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  test('the defaults run one instance with nothing else to install', () => {
    const config = parseConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.demoData, true, 'demo data by default with the embedded database');
    assert.equal(config.holdMinutes, 30);
    assert.equal(config.maxActivePerEmail, 3);
    assert.equal(config.captcha, true);
    assert.equal(config.rateLimit, true);
    assert.deepEqual(config.trustProxy, [], 'no forwarded header is believed unless a proxy is named');
    assert.equal(config.publicUrl, 'http://localhost:3000');
  });

  test('the database deadlines have defaults, and the client-side one must outlast the server-side one', () => {
    const config = parseConfig({});
    assert.equal(config.dbConnectTimeoutMs, 3000);
    assert.equal(config.dbStatementTimeoutMs, 5000);
    assert.equal(config.dbQueryTimeoutMs, 6000);
    assert.equal(config.healthTimeoutMs, 1000);
    assert.equal(config.outboxLeaseSeconds, 40);
    assert.deepEqual(problemsOf({ DB_STATEMENT_TIMEOUT_MS: '8000' }), [
      'DB_QUERY_TIMEOUT_MS must be greater than DB_STATEMENT_TIMEOUT_MS (8000).',
    ]);
    assert.equal(
      parseConfig({ DB_STATEMENT_TIMEOUT_MS: '8000', DB_QUERY_TIMEOUT_MS: '9000' }).dbQueryTimeoutMs,
      9000,
    );
    const problems = problemsOf({
      DB_CONNECT_TIMEOUT_MS: '0',
      HEALTH_TIMEOUT_MS: 'soon',
      OUTBOX_LEASE_SECONDS: '1',
    });
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.ok(problems[0]?.startsWith('DB_CONNECT_TIMEOUT_MS must be a whole number from 100'));
  });

  test('demo data is off by default with an external database', () => {
    assert.equal(parseConfig({ DATABASE_URL: 'postgres://u:p@db/creneau' }).demoData, false);
  });

  test('every mistake is reported at once, one clear line each', () => {
    const problems = problemsOf({
      PORT: 'abc',
      CAPTCHA: 'maybe',
      HOLD_MINUTES: '0',
      DATABASE_URL: 'mysql://x',
      SMTP_URL: 'nope',
    });
    assert.equal(problems.length, 5, problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('PORT must be a whole number')));
    assert.ok(problems.some((p) => p.startsWith('CAPTCHA must be "on" or "off"')));
    assert.ok(problems.some((p) => p.startsWith('HOLD_MINUTES must be a whole number from 1')));
    assert.ok(problems.some((p) => p.startsWith('DATABASE_URL must start with postgres:')));
    assert.ok(problems.some((p) => p.startsWith('SMTP_URL is not a valid URL')));
  });

  test('production refuses CAPTCHA=off and RATE_LIMIT=off and requires its addresses and secret', () => {
    const problems = problemsOf({ NODE_ENV: 'production', CAPTCHA: 'off', RATE_LIMIT: 'off' });
    for (const expected of [
      'CAPTCHA cannot be "off" in production.',
      'RATE_LIMIT cannot be "off" in production.',
      'PUBLIC_URL is required in production.',
      'SMTP_URL is required in production.',
      'SECRET_KEY is required in production.',
    ]) {
      assert.ok(problems.includes(expected), `${expected} in ${problems.join(' | ')}`);
    }
  });

  test('CAPTCHA=off and RATE_LIMIT=off are accepted outside production', () => {
    const config = parseConfig({ CAPTCHA: 'off', RATE_LIMIT: 'off' });
    assert.equal(config.captcha, false);
    assert.equal(config.rateLimit, false);
  });

  test('TRUST_PROXY takes IP addresses and CIDR ranges, comma-separated', () => {
    const config = parseConfig({ TRUST_PROXY: ' 10.0.0.0/8, 192.0.2.1 ,2001:db8::/32,::1' });
    assert.deepEqual(config.trustProxy, ['10.0.0.0/8', '192.0.2.1', '2001:db8::/32', '::1']);
  });

  test('TRUST_PROXY names every entry that is not an address or a range', () => {
    const problems = problemsOf({
      TRUST_PROXY: '10.0.0.0/33, proxy.local, 10.0.0.1, 2001:db8::/129, 1.2.3.4/8/1',
    });
    assert.deepEqual(problems, [
      'TRUST_PROXY must list IP addresses or CIDR ranges separated by commas: ' +
        '"10.0.0.0/33" has a prefix length that is not a whole number from 0 to 32; ' +
        '"proxy.local" is not an IP address or CIDR range; ' +
        '"2001:db8::/129" has a prefix length that is not a whole number from 0 to 128; ' +
        '"1.2.3.4/8/1" is not an IP address or CIDR range.',
    ]);
  });

  test('a URL with a password is never echoed in an error', () => {
    const problems = problemsOf({ DATABASE_URL: 'postgres://user:hunter2@[bad' });
    assert.equal(problems.length, 1);
    assert.ok(!problems[0]?.includes('hunter2'));
  });

  test('outside production the secret key is generated once under DATA_DIR and kept private', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'creneau-config-'));
    const first = loadConfig({ DATA_DIR: dataDir });
    const second = loadConfig({ DATA_DIR: dataDir });
    assert.equal(first.secretKey, second.secretKey);
    assert.ok(first.secretKey.length >= 32);
    const file = path.join(dataDir, 'secret.key');
    assert.equal(readFileSync(file, 'utf8').trim(), first.secretKey);
    assert.equal(statSync(file).mode & 0o077, 0, 'readable by its owner only');
  });
});
