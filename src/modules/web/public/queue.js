// The queue page refreshes its lists (issue 10, decision 0041): every 5 seconds it reads the page
// again and puts its new lists in place — the server's own escaped HTML, parsed inert by DOMParser
// (no script runs). While the agent is on one of the lists' buttons, the lists wait: nothing moves
// under a finger or a keyboard focus. Without JavaScript the page is the same, as of its loading.
const region = document.querySelector('[data-queue-region]');
const PERIOD_MS = 5_000;

async function refresh() {
  if (region.contains(document.activeElement) && document.activeElement !== document.body) return;
  try {
    const response = await fetch(region.dataset.queueFeed, {
      credentials: 'same-origin',
      headers: { accept: 'text/html' },
      redirect: 'error',
      cache: 'no-store',
    });
    if (!response.ok) return;
    const fresh = new DOMParser()
      .parseFromString(await response.text(), 'text/html')
      .querySelector('[data-queue-region]');
    if (fresh && fresh.innerHTML !== region.innerHTML) region.replaceChildren(...fresh.childNodes);
  } catch {
    // Offline or signed out: the lists stay as they are, the next round tries again.
  }
}

if (region instanceof HTMLElement && region.dataset.queueFeed) setInterval(refresh, PERIOD_MS);
