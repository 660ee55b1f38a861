// How times and states read on screen.

const units = [
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];

export function relativeTime(iso) {
  if (!iso) return '—';
  const seconds = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
  if (seconds < 5) return 'just now';
  const [unit, size] = units.find(([, size]) => seconds >= size);
  return `${Math.floor(seconds / size)}${unit} ago`;
}

export function exactTime(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

export function clockTime(iso) {
  const date = new Date(iso);
  const pad = (value, length = 2) => String(value).padStart(length, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

const stateLabels = { NotStarted: 'Not started', FailedToStart: 'Failed to start' };

export function stateLabel(state) {
  return stateLabels[state] ?? state;
}
