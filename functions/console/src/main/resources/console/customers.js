// Customers: search, a customer with contacts and history, add and edit. An edit sends the ETag it was
// read with; a 412 shows "someone changed this meanwhile" with the current values (and puts them in
// the form). The search words stay in memory, never in the address (they may be a person's name).
import { h, replace, field, facts } from './dom.js';
import { t, dateTime } from './i18n.js';
import { call, Problem } from './api.js';
import { focusHeading, say, go, isProcessor, showProblem, render } from './app.js';

let lastQuery = '';

export async function customersPage(main) {
  const input = h('input', { type: 'search', name: 'q', id: 'q', value: lastQuery, maxlength: 100, autocomplete: 'off' });
  const results = h('div', { id: 'results' });
  const search = async () => {
    lastQuery = input.value.trim();
    const { data } = await call('GET', `/customers${lastQuery ? `?q=${encodeURIComponent(lastQuery)}` : ''}`);
    replace(results, data.items.length === 0 ? h('p', {}, t('noResults')) : h('ul', { class: 'list', id: 'customer-list' },
      data.items.map(c => h('li', {}, h('a', { href: `#/customers/${c.customerId}` }, c.name), ' ',
        c.businessId ? h('span', { class: 'muted' }, c.businessId) : null,
        c.status === 'ENDED' ? h('span', { class: 'flag' }, ` ${t('ended')}`) : null))));
  };
  replace(main, h('h1', {}, t('customersTitle')),
    isProcessor() ? h('p', { class: 'notice', id: 'processor-note' }, t('processorView')) : null,
    h('form', { role: 'search', class: 'inline', id: 'search', onsubmit: e => { e.preventDefault(); search().catch(err => showProblem(document.getElementById('main'), err)); } },
      field(t('search'), input), h('button', { type: 'submit' }, t('searchButton'))),
    isProcessor() ? null : h('p', {}, h('a', { href: '#/customers/new', id: 'add-customer' }, t('addCustomer'))),
    results);
  await search();
  focusHeading();
}

const FIELDS = [
  ['name', 'name', 'text', 200], ['email', 'email', 'email', 254], ['phone', 'phone', 'tel', 40]];
const ADDRESS = [['street', 'street', 200], ['postalCode', 'postalCode', 10], ['city', 'city', 100], ['country', 'country', 2]];

function customerForm(id, customer, { create = false } = {}) {
  const controls = [];
  for (const [key, label, type, max] of FIELDS) {
    if (create || customer[key] !== undefined) {
      controls.push(field(t(label), h('input', { type, name: key, id: `${id}-${key}`, value: customer[key] ?? '', maxlength: max, required: true })));
    }
  }
  if (create) {
    controls.splice(1, 0, field(t('businessId'), h('input', { name: 'businessId', id: `${id}-businessId`, required: true, maxlength: 9 })));
  }
  if (create || customer.billingAddress) {
    const a = customer.billingAddress || { country: 'FI' };
    controls.push(h('fieldset', {}, h('legend', {}, t('billingAddress')),
      ADDRESS.map(([key, label, max]) => field(t(label), h('input', { name: key, id: `${id}-${key}`, value: a[key] ?? '', maxlength: max, required: true })))));
  }
  return controls;
}

function formValues(form, { create = false } = {}) {
  const body = {};
  for (const [key] of FIELDS) if (form.elements[key]) body[key] = form.elements[key].value;
  if (create) body.businessId = form.elements.businessId.value;
  if (form.elements.street) {
    body.billingAddress = Object.fromEntries(ADDRESS.map(([key]) => [key, form.elements[key].value]));
  }
  return body;
}

function fieldErrors(e) {
  return e instanceof Problem && e.body.errors?.length
    ? h('ul', { class: 'error', role: 'alert', id: 'field-errors' }, e.body.errors.map(x => h('li', {}, `${x.field}: ${x.message}`)))
    : h('p', { class: 'error', role: 'alert', id: 'field-errors' }, t('error', { detail: e.message }));
}

export async function newCustomerPage(main) {
  const messages = h('div', {});
  const form = h('form', { id: 'customer-form', class: 'stack', onsubmit: async e => {
    e.preventDefault();
    try {
      const { data } = await call('POST', '/customers', { body: formValues(form, { create: true }) });
      say(t('done'));
      go(`#/customers/${data.customerId}`);
    } catch (err) {
      replace(messages, fieldErrors(err));
    }
  } }, customerForm('new', {}, { create: true }), h('button', { type: 'submit', class: 'primary' }, t('create')));
  replace(main, h('h1', {}, t('addCustomer')), messages, form);
  focusHeading();
}

async function section(title, id, load) {
  try {
    return h('section', { 'aria-labelledby': `${id}-h`, id }, h('h2', { id: `${id}-h` }, title), await load());
  } catch (e) {
    if (e instanceof Problem && e.status === 403) return null; // a processor's contract does not cover it: not shown
    throw e;
  }
}

function customerFacts(c) {
  return facts([[t('name'), c.name], [t('businessId'), c.businessId], [t('email'), c.email], [t('phone'), c.phone],
    [t('billingAddress'), c.billingAddress ? `${c.billingAddress.street}, ${c.billingAddress.postalCode} ${c.billingAddress.city}, ${c.billingAddress.country}` : null],
    [t('status'), c.status === 'ENDED' ? `${t('ended')} ${dateTime(c.endedAt)}` : t('active')],
    [t('restricted'), c.restriction ? c.restriction.reason : null]]);
}

export async function customerPage(main, id, mode) {
  const dsr = mode?.startsWith('dsr-') ? mode.slice(4) : null;
  const { data: c, etag } = await call('GET', `/customers/${encodeURIComponent(id)}`);
  const messages = h('div', { id: 'messages' });
  const canEdit = !isProcessor() && c.status !== 'ENDED';
  const form = canEdit ? h('form', { id: 'edit-form', class: 'stack', onsubmit: async e => {
    e.preventDefault();
    try {
      await call('PATCH', `/customers/${c.customerId}`, { body: formValues(form), etag,
        headers: dsr ? { 'x-data-subject-request': dsr } : {} });
      say(t('done'));
      await render();
    } catch (err) {
      if (err instanceof Problem && err.status === 412) {
        const { data: now } = await call('GET', `/customers/${c.customerId}`);
        await render();
        replace(document.getElementById('messages'), h('div', { class: 'conflict', role: 'alert', id: 'conflict' },
          h('p', {}, t('conflict')), h('h3', {}, t('currentValues')), customerFacts(now)));
        return;
      }
      replace(messages, fieldErrors(err));
    }
  } }, h('h2', {}, dsr ? t('forRequest', { id: dsr }) : t('edit')), customerForm('edit', c),
  h('button', { type: 'submit', class: 'primary' }, t('save'))) : null;
  const end = canEdit ? h('form', { id: 'end-form', class: 'stack', onsubmit: async e => {
    e.preventDefault();
    try {
      await call('POST', `/customers/${c.customerId}/end`, { etag });
      say(t('done'));
      await render();
    } catch (err) {
      if (err instanceof Problem && err.status === 412) { say(t('conflict')); await render(); return; }
      replace(messages, fieldErrors(err));
    }
  } }, h('h2', {}, t('endRelationship')), h('div', { class: 'field check' },
    h('input', { type: 'checkbox', id: 'end-confirm', required: true }), h('label', { for: 'end-confirm' }, t('endConfirm'))),
  h('button', { type: 'submit' }, t('endRelationship'))) : null;
  const contacts = await section(t('contacts'), 'contacts', async () => {
    const { data } = await call('GET', `/customers/${c.customerId}/contacts`);
    return data.items.length ? h('ul', { class: 'list' }, data.items.map(p => h('li', {}, h('strong', {}, p.name ?? t('hidden')),
      p.email ? ` ${p.email}` : '', p.phone ? ` ${p.phone}` : '', p.roles ? h('span', { class: 'muted' }, ` ${p.roles.join(', ')}`) : null,
      p.restriction ? h('span', { class: 'flag' }, ` ${t('restricted')}`) : null))) : h('p', {}, t('noResults'));
  });
  const history = await section(t('history'), 'history', async () => {
    const { data } = await call('GET', `/customers/${c.customerId}/history`);
    return data.items.length ? h('ol', { class: 'timeline' }, data.items.map(e => h('li', {},
      h('time', { datetime: e.occurredAt }, dateTime(e.occurredAt)), ' ', h('strong', {}, e.channel), ` ${e.summary}`))) : h('p', {}, t('noResults'));
  });
  replace(main, h('p', {}, h('a', { href: dsr ? `#/requests/${dsr}` : '#/customers' }, `← ${t('back')}`)),
    h('h1', {}, c.name ?? c.customerId),
    isProcessor() ? h('p', { class: 'notice', id: 'processor-note' }, t('processorView')) : null,
    messages, h('section', { 'aria-labelledby': 'cf-h', id: 'customer-facts' }, h('h2', { id: 'cf-h' }, t('facts')), customerFacts(c)),
    form, contacts, history, end);
  focusHeading();
}
