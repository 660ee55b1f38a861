// One resource in full: its fields, instances, endpoints and environment (secrets masked until revealed).
import { h, showError } from './dom.js';
import { getJson, resourcePath, subscribe } from './api.js';
import { commandButtons, endpointLink, healthLabel, refreshRelativeTimes, replicaSummary, startedAt, stateBadge } from './resource-parts.js';

const resourceLink = name => h('a', { href: `#/resources/${encodeURIComponent(name)}` }, name);

function field(label, value) {
  return [h('dt', {}, label), h('dd', {}, value ?? '—')];
}

function table(caption, headings, rows) {
  return h('section', { class: 'details-section' },
    h('h2', {}, caption),
    rows.length
      ? h('div', { class: 'table-wrap' }, h('table', {},
          h('thead', {}, h('tr', {}, headings.map(heading => h('th', { scope: 'col' }, heading)))),
          h('tbody', {}, rows)))
      : h('p', { class: 'muted' }, 'None.'));
}

function summary(resource) {
  return h('dl', { class: 'fields' },
    field('Type', resource.type),
    field('State', stateBadge(resource.state)),
    field('Health', healthLabel(resource.health)),
    field('Started', startedAt(resource.startedAt)),
    field('Replicas', replicaSummary(resource)),
    field('Parent', resource.parent ? resourceLink(resource.parent) : null),
    field('Waits for', resource.waitsFor.length ? resource.waitsFor.flatMap((name, i) => (i ? [', ', resourceLink(name)] : [resourceLink(name)])) : null),
    field('Exit code', resource.exitCode ?? null),
    resource.error ? field('Error', h('pre', { class: 'error-text' }, resource.error)) : [],
  );
}

// `revealed` maps variable names to their real values; it survives live updates so a revealed value stays shown.
function environment(resource, revealed, redraw) {
  const rows = resource.environment.map(variable => {
    const isShown = revealed.has(variable.name);
    const value = variable.isSecret && isShown ? revealed.get(variable.name) : variable.value;
    const toggle = variable.isSecret
      ? h('button', {
          type: 'button',
          class: 'reveal',
          'aria-pressed': String(isShown),
          'aria-label': `${isShown ? 'Hide' : 'Reveal'} ${variable.name}`,
          onclick: async () => {
            if (isShown) {
              revealed.delete(variable.name);
            } else {
              try {
                const full = await getJson(`${resourcePath(resource.name)}?reveal=true`);
                const match = full.environment.find(v => v.name === variable.name);
                if (match) revealed.set(variable.name, match.value);
              } catch (error) {
                showError(`Could not reveal ${variable.name}: ${error.message}`);
              }
            }
            redraw();
          },
        }, isShown ? 'Hide' : 'Reveal')
      : null;
    return h('tr', {},
      h('td', { class: 'mono' }, variable.name),
      h('td', { class: `mono value${variable.isSecret && !isShown ? ' masked' : ''}` }, value),
      h('td', { class: 'reveal-cell' }, toggle));
  });
  return table('Environment variables', ['Name', 'Value', ''], rows);
}

function render(resource, revealed, redraw) {
  return [
    h('p', { class: 'crumbs' }, h('a', { href: '#/resources' }, '← Resources')),
    h('div', { class: 'details-head' },
      h('h1', {}, resource.name),
      stateBadge(resource.state),
      h('span', { class: 'spacer' }),
      h('a', { class: 'button-link', href: `#/logs/${encodeURIComponent(resource.name)}` }, 'Console logs'),
      resource.parent ? null : commandButtons(resource)),
    summary(resource),
    table('Endpoints', ['Name', 'Address', 'Opens in a browser'], resource.endpoints.map(endpoint => h('tr', {},
      h('td', {}, endpoint.name), h('td', {}, endpointLink(endpoint)), h('td', {}, endpoint.isExternal ? 'Yes' : 'No')))),
    table('Instances', ['Id', 'Process id', 'State', 'Health', 'Started', 'Address'], resource.instances.map(instance => h('tr', {},
      h('td', { class: 'mono' }, instance.id),
      h('td', { class: 'mono' }, instance.processId ?? '—'),
      h('td', {}, stateBadge(instance.state)),
      h('td', {}, healthLabel(instance.health)),
      h('td', {}, startedAt(instance.startedAt)),
      h('td', {}, instance.url ? endpointLink({ name: instance.id, url: instance.url, isExternal: true }) : '—')))),
    environment(resource, revealed, redraw),
  ];
}

export function showResourceDetails(view, name) {
  const revealed = new Map();
  let current = null;
  let stopped = false;
  let closeStream = () => {};
  const redraw = () => view.replaceChildren(...render(current, revealed, redraw));

  view.append(h('p', { class: 'muted' }, `Loading ${name}…`));
  getJson(resourcePath(name)).then(resource => {
    if (stopped) return;
    current = resource;
    redraw();
    closeStream = subscribe('/api/resources/stream', 'resource', update => {
      if (update.name !== name) return;
      current = update;
      redraw();
    });
  }).catch(error => view.replaceChildren(
    h('p', { class: 'crumbs' }, h('a', { href: '#/resources' }, '← Resources')),
    h('p', { class: 'empty' }, error.message)));

  const timer = setInterval(() => refreshRelativeTimes(view), 10_000);
  return () => {
    stopped = true;
    clearInterval(timer);
    closeStream();
  };
}
