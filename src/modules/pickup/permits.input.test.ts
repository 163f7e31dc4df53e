import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkLines, normaliseReference, readPermitCsv } from './permits.input.ts';

describe('reading a CSV of permits', () => {
  test('a header line is skipped; semicolons, commas and quotes are read; lines keep their numbers', () => {
    const { lines, problems } = readPermitCsv(
      '\uFEFFnuméro étranger;téléphone\n7400000001;06 12 34 56 78\n\n"7400000002","",a@example.org,"Ben Ali",Sami\n',
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(lines, [
      { line: 2, foreignerNumber: '7400000001', phone: '06 12 34 56 78' },
      {
        line: 4,
        foreignerNumber: '7400000002',
        email: 'a@example.org',
        lastName: 'Ben Ali',
        firstName: 'Sami',
      },
    ]);
  });

  test('a file with an unclosed quote is one problem, on the line where it broke', () => {
    const { lines, problems } = readPermitCsv('7400000001\n"7400000002\n');
    assert.deepEqual(lines, []);
    assert.equal(problems[0]?.code, 'csv_unreadable');
  });

  test('checked lines: numbers without spaces, phones in E.164, emails kept, names tidied', () => {
    const { lines, problems } = checkLines([
      { line: 1, foreignerNumber: '7400 000 001', phone: '06 12 34 56 78', lastName: '  Ben   Ali ' },
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(lines, [
      {
        line: 1,
        foreignerNumber: '7400000001',
        phone: '+33612345678',
        email: null,
        lastName: 'Ben Ali',
        firstName: null,
      },
    ]);
  });

  test('an empty import is refused', () => {
    assert.equal(checkLines([]).problems[0]?.code, 'empty');
  });

  test('a reference is read as typed from an SMS: lower case, spaces, O for 0', () => {
    assert.equal(normaliseReference('k7m 3qo'), 'K7M3Q0');
  });
});
