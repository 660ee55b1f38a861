// Talks to the dashboard API. Writes carry the anti-forgery header the server requires with the cookie.

const antiForgery = { 'X-Dashboard-Request': '1' };

export const resourcePath = name => `/api/resources/${encodeURIComponent(name)}`;

async function failure(response) {
  if (response.status === 401) location.assign('/login');
  let detail = `${response.status} ${response.statusText}`;
  try {
    const problem = await response.json();
    detail = problem.detail ?? problem.title ?? detail;
  } catch {
    // Not a problem document; the status line says enough.
  }
  return new Error(detail);
}

export async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw await failure(response);
  return response.json();
}

export async function runCommand(name, command) {
  const response = await fetch(`${resourcePath(name)}/commands/${command}`, { method: 'POST', headers: antiForgery });
  if (!response.ok) throw await failure(response);
}

function announce(state, text) {
  window.dispatchEvent(new CustomEvent('dashboard:connection', { detail: { state, text } }));
}

// Opens a server-sent event stream and calls onItem with each parsed event; returns a function that closes it.
export function subscribe(path, eventType, onItem) {
  const source = new EventSource(path);
  source.addEventListener(eventType, event => onItem(JSON.parse(event.data)));
  source.onopen = () => announce('live', 'Live');
  source.onerror = () => {
    // EventSource retries by itself unless the server refused the stream (e.g. the session ended).
    if (source.readyState === EventSource.CLOSED) {
      announce('down', 'Disconnected');
      getJson('/api/resources').catch(() => {});
    } else {
      announce('retrying', 'Reconnecting…');
    }
  };
  return () => source.close();
}
