// The console's shell: sign-in state, navigation by hash (ids only in the address, never personal data),
// language switch, and the page for each route.
import { h, replace } from './dom.js';
import { t, lang, setLang } from './i18n.js';
import * as auth from './auth.js';
import { Problem } from './api.js';
import { requestsPage } from './requests.js';
import { requestPage } from './request.js';
import { customersPage, customerPage, newCustomerPage } from './customers.js';
import { adminPage } from './admin.js';

const main = document.getElementById('main');
let notice = '';
let renders = 0;

export function role() {
  const groups = auth.groups();
  if (groups.includes('register-admin')) return 'admin';
  if (groups.includes('register-staff')) return 'staff';
  const processor = groups.find(g => g.startsWith('register-processor-'));
  return processor ? `processor:${processor.slice('register-processor-'.length)}` : 'none';
}

export function isProcessor() { return role().startsWith('processor:'); }

/** A short message for a screen reader and the eye, kept until the next one. */
export function say(text) {
  document.getElementById('status').textContent = text;
}

export function go(hash) {
  if (location.hash === hash) render(); else location.hash = hash;
}

function routes() {
  const r = role();
  const items = [];
  if (!isProcessor()) items.push(['#/requests', t('navRequests')]);
  items.push(['#/customers', t('navCustomers')]);
  if (r === 'admin') items.push(['#/admin', t('navAdmin')]);
  return items;
}

function shell() {
  document.title = t('title');
  document.getElementById('brand').textContent = t('brand');
  document.getElementById('skip').textContent = t('skip');
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', t('mainNav'));
  const here = location.hash.split('/')[1] || '';
  const links = auth.signedIn() ? routes() : [];
  if (auth.settings()?.local) links.push(['reference.html', t('navReference')]);
  replace(nav, h('ul', {}, links.map(([href, label]) => h('li', {},
    h('a', { href, 'aria-current': href === `#/${here}` ? 'page' : null,
      // the page's own link reloads it (a new request in the queue), as staff expect of a menu
      onclick: () => { if (href === location.hash) render(); } }, label)))));
  const session = document.getElementById('session');
  replace(session,
    h('button', { type: 'button', class: 'link', id: 'language', lang: lang() === 'fi' ? 'en' : 'fi',
      onclick: () => { setLang(lang() === 'fi' ? 'en' : 'fi'); render(); } }, t('switchLanguage')),
    auth.signedIn() ? [h('span', { class: 'who', id: 'who' }, t('signedInAs', { role: role() })),
      h('button', { type: 'button', id: 'sign-out', onclick: () => auth.signOut() }, t('signOut'))] : null);
}

function signInView(message) {
  replace(main, h('h1', {}, t('brand')), message ? h('p', { class: 'notice', id: 'notice' }, message) : null,
    h('p', {}, t('welcome')),
    h('button', { type: 'button', id: 'sign-in', class: 'primary', onclick: () => auth.signIn() }, t('signIn')));
}

export async function render() {
  shell();
  if (!auth.signedIn()) {
    signInView(notice);
    return;
  }
  const [, page, id] = location.hash.split('/');
  // each page is built aside and shown only if no later navigation started meanwhile (a slow answer
  // for the queue must not cover the request page the user went on to)
  const generation = ++renders;
  const view = h('div');
  replace(main, h('p', {}, t('loading')));
  try {
    if (page === 'requests' && id) await requestPage(view, id);
    else if (page === 'customers' && id === 'new') await newCustomerPage(view);
    else if (page === 'customers' && id) await customerPage(view, id, location.hash.split('/')[3]);
    else if (page === 'customers') await customersPage(view);
    // an address typed by hand: the admin page is built only for admins (its forms would only meet 403s)
    else if (page === 'admin' && role() === 'admin') await adminPage(view);
    else if (page === 'admin') showProblem(view, new Problem(403, { title: t('forbidden') }));
    else if (!isProcessor()) await requestsPage(view);
    else await customersPage(view);
  } catch (e) {
    if (e instanceof Problem && e.status === 401) {
      notice = t('sessionEnded');
      render();
      return;
    }
    showProblem(view, e);
  }
  if (generation !== renders) return;
  main.replaceChildren(...view.childNodes);
  focusHeading();
}

export function showProblem(target, e) {
  const detail = e instanceof Problem && e.status === 403 ? t('forbidden') : (e.message || String(e));
  replace(target, h('h1', {}, t('brand')), h('p', { class: 'error', role: 'alert' }, t('error', { detail })));
}

/** Moves focus to the new page's heading, so keyboard and screen-reader users land where the content is. */
export function focusHeading() {
  const heading = main.querySelector('h1');
  if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus({ preventScroll: false }); }
}

async function start() {
  await auth.loadConfig();
  try {
    if (await auth.completeSignIn()) notice = '';
  } catch {
    notice = t('signInFailed');
  }
  window.addEventListener('hashchange', () => { say(''); render(); });
  render();
}

start();
