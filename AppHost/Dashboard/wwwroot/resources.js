// The resources table: every resource with its state, health and endpoints, kept live by the change stream.
import { h } from './dom.js';
import { getJson, subscribe } from './api.js';
import { commandButtons, endpointLink, healthLabel, refreshRelativeTimes, replicaSummary, startedAt, stateBadge } from './resource-parts.js';

const columns = ['Name', 'Type', 'State', 'Health', 'Started', 'Endpoints', 'Replicas', 'Actions'];

// Databases and other children follow their parent; a child whose parent is missing stays visible on its own.
function inDisplayOrder(resources) {
  const names = new Set(resources.map(resource => resource.name));
  const ordered = [];
  for (const resource of resources.filter(r => !r.parent || !names.has(r.parent))) {
    ordered.push(resource);
    ordered.push(...resources.filter(child => child.parent === resource.name));
  }
  return ordered;
}

function row(resource) {
  const isChild = Boolean(resource.parent);
  const details = `#/resources/${encodeURIComponent(resource.name)}`;
  return h('tr', { class: isChild ? 'child' : undefined, onclick: event => {
    if (!event.target.closest('a, button')) location.hash = details;
  } },
    h('td', { class: 'name' }, isChild ? h('span', { class: 'tree', 'aria-hidden': 'true' }, '└ ') : null, h('a', { href: details }, resource.name)),
    h('td', {}, resource.type),
    h('td', {}, stateBadge(resource.state)),
    h('td', {}, healthLabel(resource.health)),
    h('td', {}, startedAt(resource.startedAt)),
    h('td', { class: 'endpoints' }, resource.endpoints.length ? resource.endpoints.map(endpointLink) : '—'),
    h('td', {}, replicaSummary(resource)),
    // A database lives inside its server: it is started and stopped with it.
    h('td', {}, isChild ? '' : commandButtons(resource)),
  );
}

export function showResources(view) {
  const resources = new Map();
  const body = h('tbody', {}, h('tr', {}, h('td', { colspan: columns.length, class: 'empty' }, 'Loading resources…')));
  view.append(
    h('h1', {}, 'Resources'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'resources' },
      h('thead', {}, h('tr', {}, columns.map(column => h('th', { scope: 'col' }, column)))),
      body)),
  );

  let pending = false;
  const render = () => {
    pending = false;
    const rows = inDisplayOrder([...resources.values()]).map(row);
    body.replaceChildren(...(rows.length ? rows : [h('tr', {}, h('td', { colspan: columns.length, class: 'empty' }, 'No resources are defined.'))]));
  };
  // The stream opens with one event per resource; draw once per frame, not once per event.
  const update = resource => {
    resources.set(resource.name, resource);
    if (!pending) {
      pending = true;
      requestAnimationFrame(render);
    }
  };

  let stopped = false;
  let closeStream = () => {};
  getJson('/api/resources').then(list => {
    if (stopped) return;
    list.forEach(update);
    render();
    closeStream = subscribe('/api/resources/stream', 'resource', update);
  }).catch(error => body.replaceChildren(h('tr', {}, h('td', { colspan: columns.length, class: 'empty' }, `Could not load resources: ${error.message}`))));

  const timer = setInterval(() => refreshRelativeTimes(body), 10_000);
  return () => {
    stopped = true;
    clearInterval(timer);
    closeStream();
  };
}
