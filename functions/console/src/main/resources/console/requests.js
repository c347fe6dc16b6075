// The queue: open requests by due date, overdue and due-this-week marked in words as well as colour,
// counts by status and type, filters, and each duplicate with its original.
import { h, replace, field } from './dom.js';
import { t, date } from './i18n.js';
import { all } from './api.js';
import { focusHeading, render } from './app.js';

const STATUSES = ['RECEIVED', 'AWAITING_VERIFICATION', 'VERIFIED', 'IN_PROGRESS', 'COMPLETED', 'REJECTED', 'WITHDRAWN', 'UNVERIFIED'];
const TYPES = ['ACCESS', 'RECTIFICATION', 'OBJECTION', 'ERASURE', 'RESTRICTION', 'UNCLASSIFIED'];
const CHANNELS = ['WEB_FORM', 'EMAIL', 'LETTER'];
const WEEK = 7 * 24 * 3600 * 1000;
// filters live in memory for the visit (nothing is stored in the browser but the tokens)
const filters = { status: '', type: '', channel: '', overdue: false };

function select(id, options, value) {
  return h('select', { id, name: id }, h('option', { value: '' }, t('any')),
    options.map(o => h('option', { value: o, selected: o === value }, o)));
}

function counts(title, items, key) {
  const by = {};
  items.forEach(i => { by[i[key]] = (by[i[key]] || 0) + 1; });
  return h('div', { class: 'count-group' }, h('h3', {}, title),
    h('ul', { class: 'counts' }, Object.entries(by).sort().map(([k, n]) => h('li', {}, h('span', {}, k), ' ', h('strong', {}, n)))));
}

export async function requestsPage(main) {
  const query = new URLSearchParams();
  if (filters.status) query.set('status', filters.status);
  if (filters.overdue) query.set('overdue', 'true');
  const items = (await all(`/requests${query.size ? `?${query}` : ''}`))
    .filter(r => !filters.type || r.type === filters.type)
    .filter(r => !filters.channel || r.channel === filters.channel);
  const now = Date.now();
  const form = h('form', { class: 'filters', id: 'filters', onsubmit: e => {
    e.preventDefault();
    filters.status = form.elements.status.value;
    filters.type = form.elements.type.value;
    filters.channel = form.elements.channel.value;
    filters.overdue = form.elements.overdue.checked;
    render();
  } },
  h('fieldset', {}, h('legend', {}, t('filters')),
    field(t('status'), select('status', STATUSES, filters.status)),
    field(t('type'), select('type', TYPES, filters.type)),
    field(t('channel'), select('channel', CHANNELS, filters.channel)),
    h('div', { class: 'field check' }, h('input', { type: 'checkbox', id: 'overdue', name: 'overdue', checked: filters.overdue }),
      h('label', { for: 'overdue' }, t('overdueOnly'))),
    h('button', { type: 'submit' }, t('apply'))));
  const rows = items.map(r => {
    const due = new Date(r.dueAt).getTime();
    const soon = !r.overdue && due - now < WEEK;
    return h('tr', { class: r.overdue ? 'overdue' : soon ? 'soon' : null, 'data-request': r.requestId },
      h('td', {}, h('a', { href: `#/requests/${r.requestId}` }, r.requestId)),
      h('td', {}, r.type), h('td', {}, r.status), h('td', {}, r.channel), h('td', {}, date(r.receivedAt)),
      h('td', {}, date(r.dueAt), r.overdue ? h('span', { class: 'flag bad' }, ` ${t('overdue')}`)
        : soon ? h('span', { class: 'flag warn' }, ` ${t('dueThisWeek')}`) : null),
      h('td', {}, r.duplicateOf ? h('a', { href: `#/requests/${r.duplicateOf}` }, t('duplicateOf', { id: r.duplicateOf })) : ''));
  });
  replace(main, h('h1', {}, t('requestsTitle')), form,
    h('section', { 'aria-labelledby': 'counts-h', class: 'summary' }, h('h2', { id: 'counts-h' }, t('counts')),
      counts(t('countsByStatus'), items, 'status'), counts(t('countsByType'), items, 'type')),
    items.length === 0 ? h('p', { id: 'no-requests' }, t('none')) : h('div', { class: 'table-wrap' },
      h('table', { id: 'queue' }, h('caption', {}, t('requestsTitle')),
        h('thead', {}, h('tr', {}, [t('request'), t('type'), t('status'), t('channel'), t('received'), t('due'), t('original')]
          .map(c => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows))));
  focusHeading();
}
