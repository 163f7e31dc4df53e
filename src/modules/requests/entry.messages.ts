import type { Catalog } from '../web/i18n.ts';

// The texts of the back office's entry of a request on someone's behalf.

const fr = {
  title: 'Enregistrer une demande pour un usager',
  intro:
    'Pour une personne reçue au guichet, au téléphone, par courrier ou accompagnée par une association : sa demande rejoint la même file, avec la même chance, que les demandes faites en ligne.',
  procedure: 'Démarche',
  choose: 'Choisir cette démarche',
  noProcedure: 'Aucune démarche n’est proposée par tirage au sort dans votre périmètre.',
  emailHint:
    'L’adresse de la personne, ou celle de l’association qui l’accompagne : aucune limite de demandes ne s’applique ici. Le numéro de la demande et son lien y seront envoyés.',
  language: 'Langue des courriels',
  languages: { fr: 'Français', en: 'Anglais', ar: 'Arabe (récépissé en français pour l’instant)' } as Record<
    string,
    string
  >,
  submit: 'Enregistrer la demande',
  recorded: (label: string) => `Demande enregistrée : n° ${label}`,
  recordedText:
    'Remettez le récépissé à la personne, ou imprimez-le. Si elle avait déjà une demande pour cette démarche, celle-ci a été mise à jour et garde son numéro.',
  downloadReceipt: 'Télécharger le récépissé (PDF)',
  another: 'Enregistrer une autre demande',
};

const en: typeof fr = {
  title: 'Record a request on someone’s behalf',
  intro:
    'For a person seen at the counter, on the phone, by post or helped by an association: the request joins the same queue, with the same chance, as requests made online.',
  procedure: 'Procedure',
  choose: 'Choose this procedure',
  noProcedure: 'No procedure is offered by draw within your scope.',
  emailHint:
    'The person’s address, or that of the association helping them: no limit on requests applies here. The request number and its link will be sent there.',
  language: 'Language of the emails',
  languages: { fr: 'French', en: 'English', ar: 'Arabic (receipt in French for now)' },
  submit: 'Record the request',
  recorded: (label) => `Request recorded: no. ${label}`,
  recordedText:
    'Give the receipt to the person, or print it. If they already had a request for this procedure, it has been updated and keeps its number.',
  downloadReceipt: 'Download the receipt (PDF)',
  another: 'Record another request',
};

const ar: typeof fr = {
  title: 'تسجيل طلب نيابة عن شخص',
  intro:
    'لشخص استُقبل عند الشباك أو عبر الهاتف أو بالبريد أو ترافقه جمعية: ينضم طلبه إلى القائمة نفسها، وبالفرصة نفسها، التي للطلبات المقدَّمة عبر الإنترنت.',
  procedure: 'الإجراء',
  choose: 'اختيار هذا الإجراء',
  noProcedure: 'لا يُقدَّم أي إجراء بالقرعة ضمن نطاقكم.',
  emailHint:
    'عنوان الشخص، أو عنوان الجمعية التي ترافقه: لا يُطبَّق هنا أي حد لعدد الطلبات. سيُرسل إليه رقم الطلب ورابطه.',
  language: 'لغة رسائل البريد الإلكتروني',
  languages: { fr: 'الفرنسية', en: 'الإنجليزية', ar: 'العربية (وصل الإيداع بالفرنسية حاليًا)' },
  submit: 'تسجيل الطلب',
  recorded: (label) => `تم تسجيل الطلب: رقم ${label}`,
  recordedText:
    'سلّموا وصل الإيداع إلى الشخص، أو اطبعوه. إن كان لديه طلب سابق لهذا الإجراء، فقد حُدِّث ويحتفظ برقمه.',
  downloadReceipt: 'تنزيل وصل الإيداع (PDF)',
  another: 'تسجيل طلب آخر',
};

/** The entry page's texts, per language. */
export const entryMessages: Catalog<typeof fr> = { fr, en, ar };
