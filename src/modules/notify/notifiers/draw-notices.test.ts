import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RequestDetails } from '../../requests/requests.repository.ts';
import { writingFor } from '../email-layout.ts';
import type { MessageBooking } from './booking-message.ts';
import { drawLost } from './draw-lost.ts';
import { drawWon } from './draw-won.ts';

// The draws' emails are pure: the winner's names its slot and deadline, the loser's its lost draws.

const booking: MessageBooking = {
  id: '42',
  slotId: '7',
  status: 'pending',
  email: 'catherine.martin@example.org',
  phone: null,
  reference: '74-K7M3-QX9P',
  procedureTitle: '3.1 Renouvellement de visa de long séjour valant titre de séjour',
  siteName: 'Sous-préfecture de Thonon-les-Bains',
  siteAddress: '1 place de la Mairie, 74200 Thonon-les-Bains',
  startsAt: new Date('2030-01-14T08:00:00Z'),
  timezone: 'Europe/Paris',
  durationMinutes: 20,
  firstName: 'Catherine',
  lastName: 'Martin',
  holdExpiresAt: new Date('2029-12-22T11:00:00Z'),
  arrivalAdvice: null,
  admissionRule: null,
};
const links = {
  confirm: 'https://rdv.example.fr/rendez-vous/confirmer?token=abc',
  manage: 'https://rdv.example.fr/rendez-vous/gerer?token=def',
};

describe('the draws’ emails', () => {
  it('tells a winner, in English, the appointment, the deadline and the confirm link', () => {
    const email = drawWon.email(
      { ...booking, drawId: 12, label: 'K7QF2M8ZXA' },
      { ...writingFor('en'), links },
    );
    assert.equal(email.to, booking.email);
    assert.match(email.subject, /74-K7M3-QX9P/);
    assert.match(
      email.text,
      /Draw no\. 12 has given you the appointment below, for your request no\. K7QF2M8ZXA/,
    );
    assert.match(email.text, /Confirm it before Saturday, December 22, 2029 at 12:00 \(local time\)/);
    assert.ok(email.text.includes(links.confirm));
    assert.match(email.text, /Monday, January 14, 2030/);
  });

  it('tells a loser, in French, that the request stays in the queue with its lost draws', () => {
    const request = {
      label: 'K7QF2M8ZXA',
      email: 'catherine.martin@example.org',
      firstName: 'Catherine',
      lastName: 'Martin',
      procedureTitle: 'Renouvellement',
      sites: [{ name: 'Sous-préfecture de Thonon-les-Bains' }],
      halfDays: [],
      earliest: null,
    } as unknown as RequestDetails;
    const email = drawLost.email(
      { ...request, drawId: 12, lostDraws: 2 },
      { ...writingFor('fr'), links: {} },
    );
    assert.match(email.subject, /reste dans la file \(n° K7QF2M8ZXA\)/);
    assert.match(email.text, /Le tirage au sort n° 12 a eu lieu/);
    assert.match(email.text, /2 tirages perdus/);
  });
});
