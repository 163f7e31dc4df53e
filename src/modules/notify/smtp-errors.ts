/**
 * How the outbox reads a failed send: whether the refusal is for good, and what may be recorded of it.
 */

/**
 * True when the message is refused for good: a 5xx reply to its envelope (a recipient or sender refused,
 * such as 550 or 501) or to its content, or an address nodemailer itself finds invalid. Retrying would be
 * refused the same way. A 5xx about the server itself (authentication 535, a refused greeting) concerns
 * every message and is an operator's to fix, so it stays transient: the message waits for the relay.
 */
export function isPermanentRefusal(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { responseCode, code, command } = error as {
    responseCode?: unknown;
    code?: unknown;
    command?: unknown;
  };
  if (code !== 'EENVELOPE' && code !== 'EMESSAGE') return false;
  const permanentReply = typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
  return permanentReply || command === 'API';
}

/** An error's message for logs and the attempt record, with addresses and phone numbers blanked (personal data). */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text
    .replace(/[^\s<>"'@]+@[^\s<>"']+/g, '<address>')
    .replace(/\+\d{6,15}\b|\b0\d(?:[ .-]?\d{2}){4}\b/g, '<number>')
    .slice(0, 500);
}

/** Rejects when `work` takes longer than `ms`; the work itself may go on (a send may still arrive). */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
