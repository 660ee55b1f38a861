// The dashboard's pages, in nav order. Traces, structured logs and metrics each slot in as one more entry.
// `route` is the first path segment after "#/"; `render(view, param)` fills the view with the page (param is
// the rest of the path, e.g. a resource name) and returns a function that stops its live updates.
import { showResources } from './resources.js';
import { showResourceDetails } from './resource-details.js';
import { showConsoleLogs } from './console-logs.js';

export const pages = [
  {
    route: 'resources',
    title: 'Resources',
    render: (view, name) => (name ? showResourceDetails(view, name) : showResources(view)),
  },
  { route: 'logs', title: 'Console logs', render: showConsoleLogs },
];
