import type { Locale } from '../../db/schema.ts';
import type { FieldError, FieldParams } from '../../errors.ts';
import type { Catalog } from '../web/i18n.ts';

// What an agent is told about a refused field of a configuration form (and the admin API's `message`,
// in French): one message per code, made from the error's parameters. offices.fields.ts and the use
// cases say which field, which code and which values.

type Render = (params: FieldParams) => string;

const value = (params: FieldParams, name: string) => String(params[name] ?? '');

const fr = {
  required: () => 'Ce champ est obligatoire.',
  too_long: (p) => `Au plus ${value(p, 'max')} caractères.`,
  too_many: (p) => `Au plus ${value(p, 'max')} lignes.`,
  item_too_long: (p) => `La ligne ${value(p, 'item')} dépasse ${value(p, 'max')} caractères.`,
  repeated_item: (p) => `La ligne ${value(p, 'item')} répète une ligne précédente : retirez-la.`,
  invisible_character: () =>
    'Ce champ contient un caractère invisible, souvent ajouté par un copier-coller : retapez-le.',
  french_required: () => 'Écrivez d’abord le texte en français : les autres langues en sont la traduction.',
  email_invalid: () =>
    'Indiquez une adresse électronique valide, par exemple pref-etrangers@exemple.gouv.fr.',
  phone_invalid: () => 'Indiquez un numéro de téléphone, par exemple 04 50 33 60 00 ou +33 4 50 33 60 00.',
  url_invalid: () => 'Indiquez une adresse web complète, commençant par https://.',
  url_not_https: () => 'Le lien vers un service en ligne doit commencer par https://.',
  integer_invalid: () => 'Indiquez un nombre entier.',
  out_of_range: (p) => `Indiquez un nombre entre ${value(p, 'min')} et ${value(p, 'max')}.`,
  not_allowed: () => 'Choisissez une des valeurs proposées.',
  unknown: () => 'Cette valeur ne correspond à rien de connu.',
  name_taken: () => 'Un autre service du département porte déjà ce nom.',
  code_taken: () => 'Une autre démarche porte déjà ce code.',
  code_invalid: () =>
    'Le code ne peut contenir que des lettres minuscules sans accent, des chiffres et des tirets (2 à 64 caractères), par exemple renouvellement-titre.',
  window_needs_title_expiry: () =>
    'Une fenêtre de dépôt ne s’applique que si la date de fin de validité du titre est demandée : cochez-la, ou videz ce champ.',
  channel_needs_email: () => 'Pour une demande par courriel, indiquez l’adresse électronique du service.',
  channel_needs_url: () => 'Pour un service en ligne, indiquez son adresse, commençant par https://.',
  channel_needs_postal_address: () => 'Pour un envoi par courrier, indiquez l’adresse postale.',
  has_active_bookings: (p) =>
    `Le mode de dépôt ne peut pas changer : ${value(p, 'count')} rendez-vous à venir en dépendent (${value(p, 'references')}). Ils doivent d’abord être annulés par le service.`,
  procedure_unavailable: () =>
    'Cette démarche n’existe pas ou n’est pas proposée dans ce département : choisissez une démarche nationale ou du département.',
  offer_exists: () => 'Ce service propose déjà cette démarche : modifiez l’offre existante.',
} satisfies Record<string, Render>;

const en: typeof fr = {
  required: () => 'This field is required.',
  too_long: (p) => `At most ${value(p, 'max')} characters.`,
  too_many: (p) => `At most ${value(p, 'max')} lines.`,
  item_too_long: (p) => `Line ${value(p, 'item')} is longer than ${value(p, 'max')} characters.`,
  repeated_item: (p) => `Line ${value(p, 'item')} repeats an earlier line: remove it.`,
  invisible_character: () =>
    'This field contains an invisible character, often added by copying and pasting: type it again.',
  french_required: () => 'Write the French text first: the other languages translate it.',
  email_invalid: () => 'Enter a valid email address, for example pref-etrangers@example.gouv.fr.',
  phone_invalid: () => 'Enter a phone number, for example 04 50 33 60 00 or +33 4 50 33 60 00.',
  url_invalid: () => 'Enter a full web address, starting with https://.',
  url_not_https: () => 'The link to an online service must start with https://.',
  integer_invalid: () => 'Enter a whole number.',
  out_of_range: (p) => `Enter a number between ${value(p, 'min')} and ${value(p, 'max')}.`,
  not_allowed: () => 'Choose one of the values offered.',
  unknown: () => 'This value matches nothing known.',
  name_taken: () => 'Another office of the département already has this name.',
  code_taken: () => 'Another procedure already has this code.',
  code_invalid: () =>
    'The code may only contain lower-case letters without accents, digits and hyphens (2 to 64 characters), for example renouvellement-titre.',
  window_needs_title_expiry: () =>
    'A window only applies when the permit’s expiry date is asked for: tick it, or empty this field.',
  channel_needs_email: () => 'For requests by email, enter the office’s email address.',
  channel_needs_url: () => 'For an online service, enter its address, starting with https://.',
  channel_needs_postal_address: () => 'For applications by post, enter the postal address.',
  has_active_bookings: (p) =>
    `The channel cannot change: ${value(p, 'count')} upcoming appointments depend on it (${value(p, 'references')}). The office must cancel them first.`,
  procedure_unavailable: () =>
    'This procedure does not exist or is not offered in this département: choose a national procedure or one of the département.',
  offer_exists: () => 'This office already offers this procedure: edit the existing offer.',
};

/** The configuration forms' field messages, per code. */
export const configurationFieldErrors: Catalog<typeof fr> = { fr, en };

/** A field error in the page's language; codes the catalog does not know keep their own message. */
export function fieldErrorMessage(
  error: Pick<FieldError, 'code' | 'params'> & { message?: string },
  locale: Locale,
): string {
  const messages: Record<string, Render> = configurationFieldErrors[locale] ?? fr;
  const render = messages[error.code];
  return render ? render(error.params ?? {}) : (error.message ?? error.code);
}
