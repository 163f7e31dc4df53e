// The addresses the information pages link to, shared by every language's texts.

export const CONTACTS = 'http://invite.contacts-demarches.interieur.gouv.fr/Etrangers';
export const CNIL = 'https://www.cnil.fr/fr/adresser-une-plainte';
export const DDD_FORM = 'https://formulaire.defenseurdesdroits.fr/';
export const DDD_DELEGATES = 'https://www.defenseurdesdroits.fr/carte-des-delegues';
export const EUPL = 'https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32017D0863';
export const EUPL_EN = 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32017D0863';
export const LICENCE_OUVERTE = 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/';
