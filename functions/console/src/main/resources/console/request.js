// One request: its facts, its events as a timeline, and the actions its state allows, each with the
// review its type needs before completing (export preview, records beside corrections, what an
// erasure deletes and keeps). Every move sends the ETag read with the page: a concurrent move is a 412.
import { h, replace, field, facts } from './dom.js';
import { t, dateTime, date } from './i18n.js';
import { call, Problem } from './api.js';
import { focusHeading, say, showProblem, render } from './app.js';

const OPEN = ['RECEIVED', 'AWAITING_VERIFICATION', 'VERIFIED', 'IN_PROGRESS'];

function action(id, title, controls, submitLabel, onsubmit) {
  const form = h('form', { class: 'action', id, onsubmit: async e => {
    e.preventDefault();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await onsubmit(form);
    } finally {
      button.disabled = false;
    }
  } }, h('h3', {}, title), controls, h('button', { type: 'submit', class: 'primary' }, submitLabel));
  return form;
}

function text(name, required = true, rows = 3) {
  return h('textarea', { name, id: name, rows, required, maxlength: 2000 });
}

function renderJson(value) {
  if (Array.isArray(value)) return h('ol', {}, value.map(v => h('li', {}, renderJson(v))));
  if (value && typeof value === 'object') {
    return h('dl', { class: 'facts nested' }, Object.entries(value).map(([k, v]) => [h('dt', {}, k), h('dd', {}, renderJson(v))]));
  }
  return String(value);
}

async function exportPreview(id) {
  const { data } = await call('GET', `/requests/${id}/export`);
  return h('section', { id: 'export-preview', 'aria-labelledby': 'export-h' }, h('h3', { id: 'export-h' }, t('exportPreview')),
    (data.categories || []).map(c => h('details', { class: 'category', open: (c.items || []).length > 0 },
      h('summary', {}, `${c.title} (${(c.items || []).length})`),
      facts([[t('purpose'), (c.purposes || []).map(p => p.title || p.name || p.id).join(', ')],
        ['source', c.source], ['retention', c.retention ? `${c.retention.period} – ${c.retention.reason}` : ''],
        ['recipients', (c.recipients || []).map(r => r.name).join(', ') || '–']]),
      (c.items || []).length ? renderJson(c.items) : null)));
}

function recordTables(records) {
  const contacts = records.contacts.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'records-contacts' },
    h('caption', {}, t('contacts')),
    h('thead', {}, h('tr', {}, [t('name'), t('email'), t('phone'), t('roles'), t('restricted')].map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, records.contacts.map(c => h('tr', {}, h('td', {}, h('a', { href: `#/customers/${c.customerId}` }, c.name)),
      h('td', {}, c.email), h('td', {}, c.phone || ''), h('td', {}, c.roles.join(', ')), h('td', {}, c.restricted ? '✓' : '')))))) : null;
  const customers = records.customers.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'records-customers' },
    h('caption', {}, t('customers')),
    h('thead', {}, h('tr', {}, [t('name'), t('businessId'), t('email'), t('phone')].map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, records.customers.map(c => h('tr', {}, h('td', {}, h('a', { href: `#/customers/${c.customerId}/dsr-${records.requestId}` }, c.name)),
      h('td', {}, c.businessId), h('td', {}, c.email), h('td', {}, c.phone)))))) : null;
  return { contacts, customers };
}

// why a record stays: the same legal hold the erasure itself obeys (the API's records route, ErasureHolds)
function heldWhy(hold) {
  return t(hold.on === 'CONTACT' ? 'heldOnContact' : 'heldOnCustomer', { until: date(hold.holdsUntil) });
}

function erasureTable(id, caption, rows, columns) {
  return h('div', { class: 'table-wrap' }, h('table', { id },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map(cells => h('tr', {}, cells.map(c => h('td', {}, c)))))));
}

// what completing will delete and what it keeps and why (legal hold, Accounting Act), before the button
function erasureReview(records) {
  const deleted = records.contacts.filter(c => !c.legalHold);
  const held = records.contacts.filter(c => c.legalHold);
  const contactCells = c => [h('a', { href: `#/customers/${c.customerId}` }, c.name), c.email, c.roles.join(', ')];
  const kept = [
    ...held.map(c => [...contactCells(c), heldWhy(c.legalHold)]),
    ...records.customers.map(c => [h('a', { href: `#/customers/${c.customerId}/dsr-${records.requestId}` }, c.name),
      c.email, c.businessId, [t('accountingAct'), c.legalHold ? heldWhy(c.legalHold) : null].filter(Boolean).join('; ')])];
  return h('section', { id: 'erasure-review', 'aria-labelledby': 'er-h' }, h('h3', { id: 'er-h' }, t('review')),
    h('h4', {}, t('erasureDeleted')), h('p', {}, t('erasureDeletedWhat')),
    deleted.length ? erasureTable('erasure-deleted', t('erasureDeleted'), deleted.map(contactCells),
      [t('name'), t('email'), t('roles')]) : h('p', {}, t('noRecords')),
    h('h4', {}, t('erasureKept')), h('p', {}, t('erasureKeptWhy')),
    kept.length ? erasureTable('erasure-kept', t('erasureKept'), kept,
      [t('name'), t('email'), `${t('roles')} / ${t('businessId')}`, t('why')]) : h('p', {}, '–'));
}

async function review(r) {
  if (r.type === 'ACCESS') return exportPreview(r.requestId);
  const { data: records } = await call('GET', `/requests/${r.requestId}/records`);
  const tables = recordTables(records);
  const empty = !tables.contacts && !tables.customers ? h('p', {}, t('noRecords')) : null;
  if (r.type === 'RECTIFICATION') {
    return h('section', { id: 'records', 'aria-labelledby': 'rec-h' }, h('h3', { id: 'rec-h' }, t('recordsBeside')),
      h('div', { class: 'beside' }, h('div', {}, h('h4', {}, t('requestedChanges')), h('p', { class: 'quote' }, records.details || '–')),
        h('div', {}, tables.contacts, tables.customers, empty)));
  }
  if (r.type === 'ERASURE') return erasureReview(records);
  return h('section', { id: 'restriction-review', 'aria-labelledby': 'rs-h' }, h('h3', { id: 'rs-h' }, t('review')),
    h('p', {}, t('restrictionWill')), tables.contacts || h('p', {}, t('noRecords')));
}

export async function requestPage(main, id) {
  const { data: r, etag } = await call('GET', `/requests/${encodeURIComponent(id)}`);
  const open = OPEN.includes(r.status);
  const move = (path, body) => async () => {
    try {
      await call('POST', `/requests/${r.requestId}/${path}`, { body, etag });
      say(t('done'));
      await render();
    } catch (e) {
      if (e instanceof Problem && e.status === 412) {
        say(t('conflictRequest'));
        await render();
        return;
      }
      if (e instanceof Problem && e.status >= 400 && e.status < 500) {
        say(t('error', { detail: e.message }));
        return;
      }
      showProblem(document.getElementById('main'), e);
    }
  };
  const actions = [];
  if (['RECEIVED', 'AWAITING_VERIFICATION'].includes(r.status)) {
    actions.push(action('verify-form', t('verify'), field(t('verifyNote'), text('note')), t('verify'),
      f => move('verify', { note: f.elements.note.value })()));
  }
  if (open && r.type === 'UNCLASSIFIED') {
    actions.push(action('classify-form', t('classify'), field(t('type'), h('select', { name: 'type', id: 'classify-type', required: true },
      h('option', { value: '' }, t('choose')),
      ['ACCESS', 'RECTIFICATION', 'OBJECTION', 'ERASURE', 'RESTRICTION'].map(v => h('option', { value: v }, v)))), t('classify'),
      f => move('classify', { type: f.elements.type.value })()));
  }
  if (open && !r.extension) {
    actions.push(action('extend-form', t('extend'), [
      field(t('months'), h('select', { name: 'months', id: 'months' }, h('option', { value: '1' }, '1'), h('option', { value: '2' }, '2'))),
      field(t('reason'), text('reason'))], t('extend'),
    f => move('extend', { months: Number(f.elements.months.value), reason: f.elements.reason.value })()));
  }
  let reviewSection = null;
  if (['VERIFIED', 'IN_PROGRESS'].includes(r.status) && !['OBJECTION', 'UNCLASSIFIED'].includes(r.type)) {
    reviewSection = await review(r);
    actions.push(action('complete-form', t('complete'),
      h('div', { class: 'field check' }, h('input', { type: 'checkbox', id: 'reviewed', name: 'reviewed', required: true }),
        h('label', { for: 'reviewed' }, t('reviewed'))), t('complete'), () => move('complete')()));
  } else if (r.type === 'OBJECTION' && open) {
    actions.push(h('p', {}, t('objectionAuto')));
  }
  if (open) {
    const reason = text('reject-reason', !r.duplicateOf);
    reason.name = 'reason';
    actions.push(action('reject-form', t('reject'), field(t('rejectReason'), reason, r.duplicateOf ? t('rejectDuplicateHint') : null),
      t('reject'), f => move('reject', f.elements.reason.value ? { reason: f.elements.reason.value } : {})()));
  }
  if (r.status === 'COMPLETED' && r.type === 'RESTRICTION' && !r.events.some(e => e.kind === 'LIFTED')) {
    const reason = text('lift-reason');
    reason.name = 'reason';
    actions.push(action('lift-form', t('lift'), field(t('liftReason'), reason), t('lift'),
      f => move('lift', { reason: f.elements.reason.value })()));
  }
  replace(main,
    h('p', {}, h('a', { href: '#/requests' }, `← ${t('back')}`)),
    h('h1', {}, `${r.type} ${r.requestId}`),
    h('section', { 'aria-labelledby': 'facts-h' }, h('h2', { id: 'facts-h' }, t('facts')), facts([
      [t('status'), h('span', { id: 'request-status' }, r.status)], [t('channel'), r.channel],
      [t('received'), dateTime(r.receivedAt)],
      [t('due'), [date(r.dueAt), r.overdue ? h('span', { class: 'flag bad' }, ` ${t('overdue')}`) : null]],
      [t('originalDue'), r.originalDueAt !== r.dueAt ? date(r.originalDueAt) : null],
      [t('extension'), r.extension ? t('extensionText', r.extension) : null],
      [t('verifiedAt'), dateTime(r.verifiedAt)], [t('email'), r.email], [t('name'), r.name], [t('language'), r.language],
      [t('details'), r.details],
      [t('original'), r.duplicateOf ? h('a', { href: `#/requests/${r.duplicateOf}`, id: 'original-link' }, r.duplicateOf) : null],
      [t('duplicates'), r.duplicates?.length ? r.duplicates.map(d => h('a', { href: `#/requests/${d}`, class: 'dup' }, d, ' ')) : null],
      [t('intake'), r.intake ? Object.entries(r.intake).map(([k, v]) => `${k}: ${v}`).join('; ') : null]])),
    h('section', { 'aria-labelledby': 'tl-h' }, h('h2', { id: 'tl-h' }, t('timeline')),
      h('ol', { class: 'timeline', id: 'timeline' }, r.events.map(e => h('li', {},
        h('time', { datetime: e.at }, dateTime(e.at)), ' ', h('strong', {}, e.kind), ` – ${e.actor}`,
        e.note ? h('p', { class: 'note' }, e.note) : null)))),
    h('section', { 'aria-labelledby': 'act-h', id: 'actions' }, h('h2', { id: 'act-h' }, t('actions')),
      reviewSection, actions.length ? actions : h('p', {}, t('noActions'))));
  focusHeading();
}

