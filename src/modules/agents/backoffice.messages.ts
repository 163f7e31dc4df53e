import type { RoleName } from '../../db/schema.ts';
import type { Catalog } from '../web/i18n.ts';
import type { Scope } from './permissions.ts';

/** The back office's shared texts: its menu, the roles and scopes, the home page. */
export const backOffice: Catalog<{
  nav: {
    home: string;
    configuration: string;
    requests: string;
    draws: string;
    agenda: string;
    checkIn: string;
    queue: string;
    counter: string;
    permits: string;
    stats: string;
    revocations: string;
    fraud: string;
    agents: string;
    audit: string;
    account: string;
  };
  roles: Record<RoleName, string>;
  scope: (scope: Scope) => string;
  home: { title: string; intro: (name: string) => string; grantsTitle: string; noGrant: string };
}> = {
  fr: {
    nav: {
      home: 'Accueil',
      configuration: 'Services et démarches',
      requests: 'Demande pour un usager',
      draws: 'Tirages au sort',
      agenda: 'Agenda',
      checkIn: 'Accueil des usagers',
      queue: 'File d’attente',
      counter: 'Mon guichet',
      permits: 'Retrait des titres',
      stats: 'Statistiques',
      revocations: 'Annulations par le service',
      fraud: 'Réservations suspectes',
      agents: 'Agents',
      audit: 'Journal',
      account: 'Mon compte',
    },
    roles: {
      administrator: 'Administrateur',
      site_manager: 'Responsable de service',
      agent: 'Agent',
      viewer: 'Consultation',
      partner: 'Partenaire',
    },
    scope: (scope) =>
      scope.kind === 'national'
        ? 'national'
        : scope.kind === 'department'
          ? `département ${scope.departmentCode}`
          : `service n° ${scope.siteId} (département ${scope.departmentCode})`,
    home: {
      title: 'Espace des agents',
      intro: (name) => `Bonjour ${name}.`,
      grantsTitle: 'Vos rôles',
      noGrant: "Aucun rôle ne vous est attribué : demandez-en un à l'administrateur de votre département.",
    },
  },
  en: {
    nav: {
      home: 'Home',
      configuration: 'Offices and procedures',
      requests: 'Request on someone’s behalf',
      draws: 'Draws',
      agenda: 'Agenda',
      checkIn: 'Reception',
      queue: 'Queue',
      counter: 'My counter',
      permits: 'Permit pick-up',
      stats: 'Statistics',
      revocations: 'Revocations by the office',
      fraud: 'Suspicious bookings',
      agents: 'Agents',
      audit: 'Audit log',
      account: 'My account',
    },
    roles: {
      administrator: 'Administrator',
      site_manager: 'Office manager',
      agent: 'Agent',
      viewer: 'Read only',
      partner: 'Partner',
    },
    scope: (scope) =>
      scope.kind === 'national'
        ? 'national'
        : scope.kind === 'department'
          ? `département ${scope.departmentCode}`
          : `office no. ${scope.siteId} (département ${scope.departmentCode})`,
    home: {
      title: "Agents' area",
      intro: (name) => `Hello ${name}.`,
      grantsTitle: 'Your roles',
      noGrant: 'No role is granted to you: ask the administrator of your département for one.',
    },
  },
  ar: {
    nav: {
      home: 'الصفحة الرئيسية',
      configuration: 'المكاتب والإجراءات',
      requests: 'طلب نيابة عن شخص',
      draws: 'القرعات',
      agenda: 'جدول المواعيد',
      checkIn: 'استقبال المرتفقين',
      queue: 'قائمة الانتظار',
      counter: 'شبّاكي',
      permits: 'تسليم البطاقات',
      stats: 'الإحصاءات',
      revocations: 'الإلغاءات من طرف المكتب',
      fraud: 'الحجوزات المشبوهة',
      agents: 'الموظفون',
      audit: 'السجل',
      account: 'حسابي',
    },
    roles: {
      administrator: 'مدير',
      site_manager: 'مسؤول مكتب',
      agent: 'موظف',
      viewer: 'اطلاع فقط',
      partner: 'شريك',
    },
    scope: (scope) =>
      scope.kind === 'national'
        ? 'وطني'
        : scope.kind === 'department'
          ? `المقاطعة ${scope.departmentCode}`
          : `المكتب رقم ${scope.siteId} (المقاطعة ${scope.departmentCode})`,
    home: {
      title: 'فضاء الموظفين',
      intro: (name) => `مرحبًا ${name}.`,
      grantsTitle: 'أدواركم',
      noGrant: 'لم يُسند إليكم أي دور: اطلبوا دورًا من مدير مقاطعتكم.',
    },
  },
};
