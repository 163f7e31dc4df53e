import type { Locale } from '../../db/schema.ts';

/**
 * An applicant as a booking or a request stores them: the identity the database keys on, the
 * contact and the language. One mapping to the columns, which both tables name alike.
 */
export interface StoredApplicant {
  identityKey: string;
  emailKey: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  email: string;
  phone: string | null;
  foreignerNumber: string | null;
  titleExpiry: string | null;
  postalCode: string | null;
  locale: Locale;
}

/** The columns of `booking` and `request` that hold a stored applicant. */
export function applicantColumns(applicant: StoredApplicant) {
  return {
    identity_key: applicant.identityKey,
    email_key: applicant.emailKey,
    last_name: applicant.lastName,
    first_name: applicant.firstName,
    birth_date: applicant.birthDate,
    email: applicant.email,
    phone: applicant.phone,
    foreigner_number: applicant.foreignerNumber,
    title_expiry: applicant.titleExpiry,
    postal_code: applicant.postalCode,
    locale: applicant.locale,
  };
}
