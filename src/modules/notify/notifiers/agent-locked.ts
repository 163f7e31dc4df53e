import { findAgentContact } from '../../agents/sign-in.repository.ts';
import { localDateTime, renderEmail } from '../email-layout.ts';
import { defineNotifier, skip } from '../notifier.ts';

// Agents have no time zone of their own: the lock's end is written in metropolitan time, and says so.
const AGENTS_ZONE = 'Europe/Paris';

/**
 * Tells an agent their account was locked after repeated failed sign-ins (decision 0021), written to
 * the address the account has when it is sent; a deactivated account gets nothing. No link: the
 * message must not look like the phishing it warns about.
 */
export const agentLocked = defineNotifier<'agent.locked', { email: string; name: string; lockedUntil: Date }>(
  {
    event: 'agent.locked',
    async load(deps, ref) {
      const agent = ref.agentId === null ? undefined : await findAgentContact(deps.db, ref.agentId);
      return agent ? { ...agent, lockedUntil: new Date(ref.params.lockedUntil) } : skip('no active agent');
    },
    email(agent, w) {
      const { t } = w;
      return {
        to: agent.email,
        ...renderEmail(w, t.agentLocked.subject, [
          { type: 'paragraph', text: t.agentLocked.hello(agent.name) },
          { type: 'paragraph', text: t.agentLocked.intro(localDateTime(agent.lockedUntil, AGENTS_ZONE, w)) },
          { type: 'paragraph', text: t.agentLocked.notYou },
        ]),
      };
    },
  },
);
