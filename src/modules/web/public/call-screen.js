// The call screen keeps itself up to date (issue 10, decision 0041): every 3 seconds it fetches the
// office's current calls, redraws the table with the latest call marked, and puts each new call —
// a reference called, or called again — into the live region, which screen readers say aloud.
// Text goes in through textContent only: nothing from the server is parsed as HTML.
const root = document.querySelector('[data-calls-feed]');
const PERIOD_MS = 3_000;

const keyOf = (call) => `${call.reference}|${call.calledAt}`;

function rowOf(call, latest) {
  const tr = document.createElement('tr');
  tr.dataset.call = keyOf(call);
  if (latest) tr.className = 'creneau-calls__latest';
  const reference = document.createElement('td');
  reference.dir = 'ltr';
  reference.textContent = call.reference;
  const counter = document.createElement('td');
  counter.textContent = call.counter;
  tr.append(reference, counter);
  return tr;
}

function noneRow(text) {
  const tr = document.createElement('tr');
  const td = document.createElement('td');
  td.colSpan = 2;
  td.textContent = text;
  tr.append(td);
  return tr;
}

const seen = new Set(Array.from(document.querySelectorAll('[data-call]'), (row) => row.dataset.call));

async function refresh() {
  try {
    const response = await fetch(root.dataset.callsFeed, {
      headers: { accept: 'application/json' },
      cache: 'no-store',
    });
    if (!response.ok) return;
    const { calls } = await response.json();
    const rows = root.querySelector('[data-calls-rows]');
    rows.replaceChildren(
      ...(calls.length === 0 ? [noneRow(root.dataset.none)] : calls.map((call, i) => rowOf(call, i === 0))),
    );
    // The newest call not announced yet (the list is the latest first).
    const fresh = calls.find((call) => !seen.has(keyOf(call)));
    for (const call of calls) seen.add(keyOf(call));
    if (fresh) {
      const live = root.querySelector('[data-calls-live]');
      live.textContent = root.dataset.announce
        .replace('{reference}', fresh.reference)
        .replace('{counter}', fresh.counter);
    }
  } catch {
    // The network is down a moment: the screen stays as it is, the next poll tries again.
  }
}

if (root instanceof HTMLElement) setInterval(refresh, PERIOD_MS);
