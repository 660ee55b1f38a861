// The pieces of a resource both the table and the details view show.
import { h, isWebUrl, showError } from './dom.js';
import { exactTime, relativeTime, stateLabel } from './format.js';
import { runCommand } from './api.js';

const commandStates = {
  start: ['NotStarted', 'Exited', 'FailedToStart'],
  stop: ['Waiting', 'Starting', 'Running', 'Unhealthy'],
  restart: ['Running', 'Unhealthy', 'Exited', 'FailedToStart'],
};

export function stateBadge(state) {
  return h('span', { class: `badge state-${state.toLowerCase()}` }, stateLabel(state));
}

export function healthLabel(health) {
  return h('span', { class: `health health-${health.toLowerCase()}` }, health);
}

export function startedAt(iso) {
  return h('time', { datetime: iso ?? undefined, title: exactTime(iso), 'data-relative': iso ?? undefined }, relativeTime(iso));
}

// Relative times age while a page is open; refresh them in place rather than re-rendering the page.
export function refreshRelativeTimes(root) {
  for (const time of root.querySelectorAll('time[data-relative]')) {
    time.textContent = relativeTime(time.dataset.relative);
  }
}

export function endpointLink(endpoint) {
  if (endpoint.isExternal && isWebUrl(endpoint.url)) {
    return h('a', { href: endpoint.url, target: '_blank', rel: 'noopener noreferrer', title: endpoint.name }, endpoint.url);
  }
  return h('span', { class: 'internal', title: `${endpoint.name} (internal)` }, endpoint.url);
}

export function replicaSummary(resource) {
  if (!resource.instances.length) return '—';
  const healthy = resource.instances.filter(instance => instance.health === 'Healthy').length;
  return `${healthy}/${resource.replicas} healthy`;
}

export function commandButtons(resource) {
  return h('span', { class: 'actions' }, Object.entries(commandStates).map(([command, states]) => {
    const button = h('button', {
      type: 'button',
      class: `command command-${command}`,
      disabled: !states.includes(resource.state),
      title: `${command[0].toUpperCase()}${command.slice(1)} ${resource.name}`,
      onclick: async event => {
        event.stopPropagation();
        button.disabled = true;
        try {
          await runCommand(resource.name, command);
        } catch (error) {
          showError(`Could not ${command} ${resource.name}: ${error.message}`);
          button.disabled = false;
        }
      },
    }, `${command[0].toUpperCase()}${command.slice(1)}`);
    return button;
  }));
}
