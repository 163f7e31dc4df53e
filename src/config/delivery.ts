import { integer, isProduction, ok, type Settings, url } from './parsers.ts';

/** How emails and SMS leave: the outbox's lease, the SMTP server, the sender, the SMS provider. */
export interface DeliveryConfig {
  outboxLeaseSeconds: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  smsUrl: string | undefined;
}

export const deliverySettings: Settings<DeliveryConfig> = {
  outboxLeaseSeconds: {
    key: 'outboxLeaseSeconds',
    env: 'OUTBOX_LEASE_SECONDS',
    doc: 'How long an email being sent is reserved for one instance: after a crash, its emails wait this long.',
    parse: integer(10, 3600, 40),
  },
  smtpUrl: {
    key: 'smtpUrl',
    env: 'SMTP_URL',
    doc: 'SMTP server (smtp:// or smtps://); without it mail goes to an in-process capture, see /dev/mail.',
    parse: (raw, env) => {
      const parsed = url(['smtp:', 'smtps:'])(raw);
      if ('value' in parsed && !parsed.value && isProduction(env)) {
        return { error: 'is required in production' };
      }
      return parsed;
    },
  },
  mailFrom: {
    key: 'mailFrom',
    env: 'MAIL_FROM',
    doc: 'Sender of every email.',
    parse: (raw) => {
      const value = raw || 'Créneau <ne-pas-repondre@creneau.localhost>';
      return /@/.test(value) ? ok(value) : { error: 'must contain an email address' };
    },
  },
  smsUrl: {
    key: 'smsUrl',
    env: 'SMS_URL',
    doc: 'HTTP endpoint of the SMS provider, in the JSON format of notify/sms/sms-sender.ts; unset: captured at /dev/sms (never in production).',
    parse: url(['http:', 'https:']),
  },
};
