// How an SMS leaves Créneau: one interface, one function per provider's format behind it. The
// documented format (`jsonSmsSender`, SMS_URL) is what an operator's gateway, or a thin relay to a
// national provider, speaks:
//
//   POST SMS_URL            Content-Type: application/json, Idempotency-Key: <reference>
//   {"to": "+33612345678", "text": "…", "reference": "outbox-123"}
//   → 2xx {"id": "<the provider's id>"}
//
// Credentials in the URL's user part go as HTTP Basic authentication, never in the body or a log.
// A refusal of the message itself (400, 404, 410, 413, 422) is permanent: sending it again would be
// refused the same way. Anything else — the network, a timeout, 401/403 (the operator's credentials,
// which concern every message), 408, 429, 5xx — is transient, and the outbox retries.

/** One SMS to send: the number in E.164, the text as it goes, the outbox row it delivers. */
export interface SmsMessage {
  to: string;
  text: string;
  reference: string;
}

/** What the provider answered for a sent message. */
export interface SmsReceipt {
  providerId: string;
}

/** A failed send, classed: `permanent` refusals are not retried. */
export class SmsError extends Error {
  readonly permanent: boolean;

  constructor(message: string, permanent: boolean) {
    super(message);
    this.name = 'SmsError';
    this.permanent = permanent;
  }
}

export interface SmsSender {
  send(message: SmsMessage): Promise<SmsReceipt>;
}

const PERMANENT_STATUSES = new Set([400, 404, 410, 413, 422]);

/** The sender speaking the documented JSON format to `smsUrl`. */
export function jsonSmsSender(
  smsUrl: string,
  { timeoutMs = 15_000 }: { timeoutMs?: number } = {},
): SmsSender {
  const url = new URL(smsUrl);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (url.username || url.password) {
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  const endpoint = url.toString();
  return {
    async send({ to, text, reference }) {
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: { ...headers, 'idempotency-key': reference },
          body: JSON.stringify({ to, text, reference }),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
      } catch (error) {
        throw new SmsError(`the SMS provider cannot be reached (${(error as Error).name})`, false);
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new SmsError(
          `the SMS provider answered ${response.status}`,
          PERMANENT_STATUSES.has(response.status),
        );
      }
      const body = (await response.json().catch(() => null)) as { id?: unknown } | null;
      // Accepted without an id: the message is on its way; sending it again would duplicate it.
      return { providerId: typeof body?.id === 'string' ? body.id : '' };
    },
  };
}

/** Whether a send's error is a refusal for good. */
export function isPermanentSmsError(error: unknown): boolean {
  return error instanceof SmsError && error.permanent;
}
