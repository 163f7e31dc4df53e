import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { communesOfPostalCode, departmentsOfPostalCode, postalCodeBelongsTo } from './postal-codes.ts';

describe('postal codes', () => {
  const cases: { postalCode: string; department: string; city: string }[] = [
    { postalCode: '74000', department: '74', city: 'Annecy' },
    { postalCode: '84000', department: '84', city: 'Avignon' },
    { postalCode: '45000', department: '45', city: 'Orléans' },
    { postalCode: '34000', department: '34', city: 'Montpellier' },
    { postalCode: '97400', department: '974', city: 'Saint-Denis' },
    { postalCode: '20000', department: '2A', city: 'Ajaccio' },
  ];
  for (const { postalCode, department, city } of cases) {
    test(`${postalCode} (${city}) belongs to département ${department} only`, () => {
      assert.deepEqual([...departmentsOfPostalCode(postalCode)], [department]);
      assert.equal(postalCodeBelongsTo(postalCode, department), true);
      assert.ok(communesOfPostalCode(postalCode).some((commune) => commune.name === city));
    });
  }

  test('74000 Annecy does not belong to Savoie (73)', () => {
    assert.equal(postalCodeBelongsTo('74000', '73'), false);
  });

  test('Ajaccio is in Corse-du-Sud, not Haute-Corse', () => {
    assert.equal(postalCodeBelongsTo('20000', '2B'), false);
  });

  test('an unknown postal code belongs to no département and no commune', () => {
    assert.equal(departmentsOfPostalCode('00000').size, 0);
    assert.deepEqual(communesOfPostalCode('00000'), []);
    assert.equal(postalCodeBelongsTo('00000', '74'), false);
  });

  test('a postal code near a border can span two départements', () => {
    // 01200 serves Valserhône (Ain) and Éloise (Haute-Savoie).
    const departments = departmentsOfPostalCode('01200');
    assert.ok(departments.has('01'));
    assert.ok(departments.has('74'));
    assert.equal(postalCodeBelongsTo('01200', '74'), true);
  });

  test('a commune carries its département and arrondissement', () => {
    assert.deepEqual(communesOfPostalCode('74000'), [
      { code: '74010', name: 'Annecy', department: '74', arrondissement: '741' },
    ]);
  });

  test('Paris postal codes lead to the municipal arrondissement, not the whole city', () => {
    const communes = communesOfPostalCode('75001');
    assert.deepEqual(
      communes.map((commune) => commune.name),
      ['Paris 1er Arrondissement'],
    );
    assert.equal(communes[0]?.department, '75');
    assert.equal(postalCodeBelongsTo('13001', '13'), true);
  });

  test('a commune without arrondissement in the data has a null arrondissement', () => {
    const communes = communesOfPostalCode('97600');
    assert.ok(communes.length > 0);
    assert.ok(communes.every((commune) => commune.arrondissement === null && commune.department === '976'));
  });

  test('callers cannot alter the shared index through a returned commune', () => {
    const [first] = communesOfPostalCode('74000');
    assert.ok(first);
    first.name = 'Changed';
    assert.equal(communesOfPostalCode('74000')[0]?.name, 'Annecy');
  });
});
