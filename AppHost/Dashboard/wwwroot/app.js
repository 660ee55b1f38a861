// The page shell: builds the nav from the page registry and shows the page the location hash names.
import { pages } from './pages.js';
import { h } from './dom.js';

const nav = document.getElementById('nav');
const view = document.getElementById('view');
const connection = document.getElementById('connection');
let stopCurrentPage = () => {};

for (const page of pages) {
  nav.append(h('a', { href: `#/${page.route}`, 'data-route': page.route }, page.title));
}

function route() {
  const [, first = '', ...rest] = location.hash.split('/');
  const page = pages.find(p => p.route === first) ?? pages[0];
  const param = rest.length ? decodeURIComponent(rest.join('/')) : '';

  for (const link of nav.children) {
    if (link.dataset.route === page.route) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }

  stopCurrentPage();
  view.replaceChildren();
  document.title = `${page.title} · CustomerPlatform dashboard`;
  stopCurrentPage = page.render(view, param) ?? (() => {});
}

window.addEventListener('dashboard:connection', event => {
  connection.textContent = event.detail.text;
  connection.dataset.state = event.detail.state;
});
window.addEventListener('hashchange', route);
route();
