import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isGsm7, smsLength, smsText } from './gsm7.ts';

describe('SMS length and segments', () => {
  test('GSM-7: 160 characters in one segment, 153 per segment beyond', () => {
    assert.deepEqual(smsLength('a'.repeat(160)), { encoding: 'GSM-7', units: 160, segments: 1 });
    assert.deepEqual(smsLength('a'.repeat(161)), { encoding: 'GSM-7', units: 161, segments: 2 });
    assert.deepEqual(smsLength('a'.repeat(306)), { encoding: 'GSM-7', units: 306, segments: 2 });
    assert.deepEqual(smsLength('a'.repeat(307)), { encoding: 'GSM-7', units: 307, segments: 3 });
  });

  test('the extension table’s characters count twice', () => {
    assert.deepEqual(smsLength('€'.repeat(80)), { encoding: 'GSM-7', units: 160, segments: 1 });
    assert.deepEqual(smsLength(`${'€'.repeat(80)}a`), { encoding: 'GSM-7', units: 161, segments: 2 });
    assert.equal(smsLength('[{~}]').units, 10);
  });

  test('any other character makes it UCS-2: 70 in one segment, 67 per segment beyond', () => {
    assert.deepEqual(smsLength('م'.repeat(70)), { encoding: 'UCS-2', units: 70, segments: 1 });
    assert.deepEqual(smsLength('م'.repeat(71)), { encoding: 'UCS-2', units: 71, segments: 2 });
    assert.deepEqual(smsLength(`${'a'.repeat(133)}ê`), { encoding: 'UCS-2', units: 134, segments: 2 });
    assert.equal(smsLength('🙂').units, 2, 'a character outside the BMP takes two UTF-16 units');
  });
});

describe('the text sent', () => {
  test('French is simplified into GSM-7: curly quotes, guillemets, dashes, spaces, ê, ç, ô', () => {
    const text = smsText('Préfecture de l’Hérault\u00a0: « rendez-vous » — où ? Fenêtre, reçu, côté…');
    assert.equal(text, `Préfecture de l'Hérault : " rendez-vous " - où ? Fenetre, recu, coté...`);
    assert.ok(isGsm7(text));
  });

  test('the accented letters GSM-7 has are kept', () => {
    assert.equal(smsText('é è ù à ì ò É Ç ä ö ñ ü'), 'é è ù à ì ò É Ç ä ö ñ ü');
  });

  test('Arabic is left as it is, in UCS-2', () => {
    const arabic = 'تم تأكيد موعدك';
    assert.equal(smsText(arabic), arabic);
    assert.equal(smsLength(arabic).encoding, 'UCS-2');
  });

  test('a French text with a letter GSM-7 lacks even simplified stays as typed', () => {
    assert.equal(smsText('Rendez-vous de Łukasz'), 'Rendez-vous de Łukasz');
  });

  test('the confirmation SMS of a long office name fits two segments with its link', () => {
    const link = `https://rdv.example.gouv.fr/rendez-vous/gerer?token=${'A'.repeat(43)}`;
    const text = smsText(
      `Rendez-vous confirmé le mardi 8 décembre 2026 à 09:00, Sous-préfecture de Saint-Julien-en-Genevois. Réf. 74-ABCD-EFGH. Convocation : ${link}`,
    );
    assert.deepEqual(
      { encoding: smsLength(text).encoding, segments: smsLength(text).segments },
      { encoding: 'GSM-7', segments: 2 },
    );
  });
});
