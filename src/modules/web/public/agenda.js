// The agenda refreshes itself (issue 10): every minute it fetches the page's JSON twin and replaces
// each day's rows. Without JavaScript the page is the same, as of its loading. Text goes in through
// textContent only: nothing from the server is parsed as HTML.
const root = document.querySelector('[data-agenda-feed]');
const PERIOD_MS = 60_000;

// A reference keeps its parts in order on a right-to-left page (dir="ltr", as the server writes it).
function cell(row, text, ltr) {
  const td = document.createElement('td');
  td.textContent = text;
  if (ltr) td.dir = 'ltr';
  row.append(td);
}

function rowsOf(day, none, columns) {
  if (day.rows.length === 0) {
    const tr = document.createElement('tr');
    const td = document.createElement('td');
    td.colSpan = columns;
    td.textContent = none;
    tr.append(td);
    return [tr];
  }
  return day.rows.map((line) => {
    const tr = document.createElement('tr');
    if (line.struck) tr.className = 'creneau-agenda-struck';
    for (const text of [
      line.time,
      line.reference,
      line.lastName,
      line.firstName,
      line.procedure,
      line.counter,
      line.statusLabel,
    ]) {
      cell(tr, text, text === line.reference);
    }
    return tr;
  });
}

async function refresh() {
  try {
    const response = await fetch(root.dataset.agendaFeed, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      redirect: 'error',
    });
    if (!response.ok) return;
    const feed = await response.json();
    for (const day of feed.days) {
      const body = root.querySelector(`tbody[data-agenda-day="${day.date}"]`);
      if (!body) continue;
      const columns = body.closest('table')?.querySelectorAll('thead th').length ?? 7;
      body.replaceChildren(...rowsOf(day, feed.none, columns));
      const count = root.querySelector(`[data-agenda-count="${day.date}"]`);
      if (count) count.textContent = day.count;
    }
    const updated = document.getElementById('agenda-updated');
    if (updated) updated.textContent = feed.updated;
  } catch {
    // Offline or signed out: the list stays as it is, the next minute tries again.
  }
}

if (root instanceof HTMLElement && root.dataset.agendaFeed) setInterval(refresh, PERIOD_MS);
