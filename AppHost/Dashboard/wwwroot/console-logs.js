// Console logs: the chosen resource's output, live, with stderr marked and each replica's lines tagged.
import { h } from './dom.js';
import { getJson, resourcePath, subscribe } from './api.js';
import { clockTime } from './format.js';

// Enough history to scroll back through an incident without the page slowing to a crawl.
const maxLines = 5000;

function lineElement(line, showInstance) {
  return h('div', { class: line.isError ? 'line stderr' : 'line' },
    h('span', { class: 'time', title: new Date(line.timestamp).toLocaleString() }, clockTime(line.timestamp)),
    showInstance ? h('span', { class: 'instance' }, line.instance) : null,
    h('span', { class: 'text' }, line.text));
}

function logPane(view, resource) {
  const pane = h('div', { class: 'log-pane', role: 'log', 'aria-live': 'off', tabindex: '0' });
  const count = h('span', { class: 'muted' });
  let paused = false;
  const pause = h('button', { type: 'button', 'aria-pressed': 'false', onclick: () => {
    paused = !paused;
    pause.setAttribute('aria-pressed', String(paused));
    pause.textContent = paused ? 'Resume auto-scroll' : 'Pause auto-scroll';
    if (!paused) pane.scrollTop = pane.scrollHeight;
  } }, 'Pause auto-scroll');
  view.querySelector('.toolbar').append(pause, count);
  view.append(pane);

  // Lines can arrive by the thousand; add them once per frame.
  let queue = [];
  let total = 0;
  const flush = () => {
    const batch = queue;
    queue = [];
    const showInstance = resource.replicas > 1;
    pane.append(...batch.map(line => lineElement(line, showInstance)));
    total += batch.length;
    while (pane.childElementCount > maxLines) pane.firstElementChild.remove();
    count.textContent = total > maxLines ? `Showing the last ${maxLines.toLocaleString()} of ${total.toLocaleString()} lines` : `${total.toLocaleString()} lines`;
    if (!paused) pane.scrollTop = pane.scrollHeight;
  };
  count.textContent = 'Waiting for output…';

  return subscribe(`${resourcePath(resource.name)}/logs/stream?after=0`, 'log', line => {
    if (!queue.length) requestAnimationFrame(flush);
    queue.push(line);
  });
}

export function showConsoleLogs(view, name) {
  const picker = h('select', { id: 'log-resource', onchange: () => { location.hash = `#/logs/${encodeURIComponent(picker.value)}`; } },
    h('option', { value: '', disabled: true, selected: !name }, 'Choose a resource…'));
  view.append(
    h('h1', {}, 'Console logs'),
    h('div', { class: 'toolbar' }, h('label', { for: 'log-resource' }, 'Resource'), picker));

  let stopped = false;
  let closeStream = () => {};
  getJson('/api/resources').then(resources => {
    if (stopped) return;
    picker.append(...resources.map(resource => h('option', { value: resource.name, selected: resource.name === name }, resource.name)));
    const chosen = resources.find(resource => resource.name === name);
    if (chosen) closeStream = logPane(view, chosen);
    else view.append(h('p', { class: 'empty' }, name ? `There is no resource named ${name}.` : 'Choose a resource to see its console output.'));
  }).catch(error => view.append(h('p', { class: 'empty' }, `Could not load resources: ${error.message}`)));

  return () => {
    stopped = true;
    closeStream();
  };
}
