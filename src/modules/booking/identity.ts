// Who a booking belongs to (PRODUCT §2.2): one person, one active appointment per procedure.

/**
 * The key that binds a booking to one person: the foreigner number when there is one, otherwise the
 * normalised names and birth date, so that "Müller" and "MULLER" are the same person.
 */
export function identityKey(a: {
  foreignerNumber: string | null;
  lastName: string;
  firstName: string;
  birthDate: string;
}): string {
  const number = a.foreignerNumber?.replace(/\s/g, '') ?? '';
  if (number !== '') return `F:${number}`;
  return `N:${normaliseName(a.lastName)}|${normaliseName(a.firstName)}|${a.birthDate}`;
}

// Capital letters that Unicode does not decompose into a base letter and a diacritic.
const UNDECOMPOSABLE: Record<string, string> = {
  ẞ: 'SS',
  Ø: 'O',
  Ł: 'L',
  Æ: 'AE',
  Œ: 'OE',
  Đ: 'D',
  Ð: 'D',
  Þ: 'TH',
  Ħ: 'H',
};

/** A name reduced for identity comparison: no diacritics, upper case, separators as single spaces. */
export function normaliseName(name: string): string {
  // NFKD rather than NFD also folds ligatures (ﬁ) and full-width letters typed by some keyboards.
  // Upper-casing comes first because it can itself produce combining marks (ǰ → J̌) and turns ß into SS.
  return name
    .toUpperCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ẞØŁÆŒĐÐÞĦ]/gu, (letter) => UNDECOMPOSABLE[letter] ?? letter)
    .replace(/[\s'’ʼ-]+/gu, ' ')
    .trim();
}
