import type { Catalog } from '../web/i18n.ts';

// The texts of the certificate's pages: the link from step 2 and the request's page, and the form
// asking for the identity (/attestation). The PDF's own texts are in convocation/certificate-pdf.messages.ts.

const fr = {
  title: 'Obtenir une attestation d’indisponibilité de rendez-vous',
  intro:
    'L’attestation est un document daté et signé qui constate, au moment où vous la demandez, les lieux et les dates consultés pour cette démarche, la prochaine date libre s’il y en a une, et votre demande en attente d’un tirage au sort s’il y en a une. Vous pouvez la joindre à une requête devant le tribunal administratif.',
  requestHint:
    'Vous avez déposé une demande de rendez-vous par tirage au sort ? Indiquez l’adresse électronique de cette demande : l’attestation en donnera le numéro, les tirages perdus et l’ancienneté. Vous pouvez aussi la télécharger depuis la page de votre demande (lien reçu par courriel).',
  procedure: 'Démarche',
  department: 'Département',
  emailHint:
    'Format attendu : nom@domaine.fr. Elle sert seulement à retrouver votre demande en attente : elle n’est ni enregistrée ni imprimée.',
  foreignerNumberHint: '10 chiffres, au recto de votre titre de séjour, si vous en avez un',
  emailInvalid: 'Indiquez une adresse électronique valide, par exemple prenom.nom@exemple.fr.',
  securityTitle: 'Contrôle de sécurité',
  submit: 'Télécharger l’attestation (PDF)',
  captchaFailed:
    'Le contrôle de sécurité a échoué ou a expiré : refaites-le, puis téléchargez l’attestation.',
  /** The link on step 2 when no slot is free, and on the request's page. */
  link: 'Obtenir une attestation d’indisponibilité de rendez-vous',
  linkText:
    'Aucune plage ne vous convient ? Téléchargez une attestation datée et signée de votre recherche : elle peut servir de preuve, par exemple devant le tribunal administratif.',
};

const en: typeof fr = {
  title: 'Get a certificate of unavailability of appointments',
  intro:
    'The certificate is a dated, signed document stating, at the moment you ask for it, the offices and dates searched for this procedure, the next free date if there is one, and your request waiting for a draw if you have one. You can attach it to an application to the administrative court.',
  requestHint:
    'Have you submitted a request for an appointment by draw? Give the email address of that request: the certificate will state its number, the draws lost and how long it has waited. You can also download it from your request’s page (link received by email).',
  procedure: 'Procedure',
  department: 'Département',
  emailHint:
    'Expected format: name@domain.fr. It is only used to find your waiting request: it is neither stored nor printed.',
  foreignerNumberHint: '10 digits, on the front of your residence permit, if you have one',
  emailInvalid: 'Enter a valid email address, for example firstname.name@example.fr.',
  securityTitle: 'Security check',
  submit: 'Download the certificate (PDF)',
  captchaFailed: 'The security check failed or expired: do it again, then download the certificate.',
  link: 'Get a certificate of unavailability of appointments',
  linkText:
    'No slot suits you? Download a dated, signed certificate of your search: it can serve as evidence, for instance before the administrative court.',
};

const ar: typeof fr = {
  title: 'الحصول على شهادة بعدم توفر المواعيد',
  intro:
    'الشهادة وثيقة مؤرَّخة وموقَّعة تُثبت، لحظة طلبها، الأماكن والتواريخ التي بُحث فيها عن هذا الإجراء، وأقرب تاريخ متاح إن وُجد، وطلبكم المنتظر لقرعة إن وُجد. يمكنكم إرفاقها بدعوى أمام المحكمة الإدارية.',
  requestHint:
    'هل قدّمتم طلب موعد عن طريق القرعة؟ أدخلوا عنوان البريد الإلكتروني لذلك الطلب: ستذكر الشهادة رقمه والقرعات التي لم يفز فيها وأقدميته. ويمكنكم أيضًا تنزيلها من صفحة طلبكم (الرابط الذي وصلكم بالبريد الإلكتروني).',
  procedure: 'الإجراء',
  department: 'المقاطعة',
  emailHint: 'الصيغة المطلوبة: nom@domaine.fr. لا يُستعمل إلا للعثور على طلبكم المنتظر: لا يُسجَّل ولا يُطبع.',
  foreignerNumberHint: '10 أرقام، على وجه بطاقة إقامتكم، إن كانت لديكم بطاقة',
  emailInvalid: 'أدخلوا عنوان بريد إلكتروني صالحًا، مثلًا prenom.nom@exemple.fr.',
  securityTitle: 'التحقق الأمني',
  submit: 'تنزيل الشهادة (PDF)',
  captchaFailed: 'فشل التحقق الأمني أو انتهت صلاحيته: أعيدوه، ثم نزّلوا الشهادة.',
  link: 'الحصول على شهادة بعدم توفر المواعيد',
  linkText:
    'لا يناسبكم أي وقت؟ نزّلوا شهادة مؤرَّخة وموقَّعة ببحثكم: يمكن أن تُستعمل دليلًا، مثلًا أمام المحكمة الإدارية.',
};

/** The certificate pages' texts, per language. */
export const certificateMessages: Catalog<typeof fr> = { fr, en, ar };
