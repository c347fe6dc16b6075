// Admin: legal holds on a customer, contact or request; the audit trail of a record; the retention
// purge's run reports. Ids only in forms and in the address.
import { h, replace, field, facts } from './dom.js';
import { t, dateTime } from './i18n.js';
import { call, all, Problem } from './api.js';
import { focusHeading, say } from './app.js';

const TARGETS = { CUSTOMER: 'customers', CONTACT: 'contacts', REQUEST: 'requests' };

function holdPath(form) {
  return `/${TARGETS[form.elements.target.value]}/${encodeURIComponent(form.elements.targetId.value.trim())}/hold`;
}

function holdView(hold) {
  return hold ? facts([[t('holdTarget'), `${hold.targetType} ${hold.targetId}`], [t('holdUntil'), hold.until],
    [t('holdReason'), hold.reason], [t('actor'), hold.placedBy], [t('at'), dateTime(hold.placedAt)],
    [t('status'), hold.active ? t('holdActive', { until: hold.until }) : '–']]) : h('p', {}, t('noHold'));
}

function purgeTable(reports) {
  const yes = b => (b ? '✓' : '');
  return h('div', { class: 'table-wrap' }, h('table', { id: 'purge-table' },
    h('caption', {}, t('purgeReports')),
    h('thead', {}, h('tr', {}, [t('at'), t('purgeRun'), t('purgeDryRun'), t('purgeComplete'), t('purgeDeleted'),
      t('purgeMinimised'), t('purgeHeld'), t('purgeKept'), t('purgeErrors')].map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, reports.map(r => h('tr', {}, h('td', {}, dateTime(r.ranAt)), h('td', {}, r.runId),
      h('td', {}, yes(r.dryRun)), h('td', {}, yes(r.complete)),
      ...[r.deleted, r.minimised, r.held, r.kept, r.errors].map(n => h('td', { class: 'number' }, String(n))))))));
}

function purgeSection() {
  const result = h('div', { id: 'purge-result', 'aria-live': 'polite' });
  const today = new Date().toISOString().slice(0, 10);
  const weekAgo = new Date(Date.now() - 6 * 86400000).toISOString().slice(0, 10);
  const form = h('form', { id: 'purge-form', class: 'inline', onsubmit: async e => {
    e.preventDefault();
    try {
      const { data } = await call('GET', `/purge/reports?from=${form.elements.from.value}&to=${form.elements.to.value}`);
      replace(result, data.items.length ? purgeTable(data.items) : h('p', {}, t('noPurgeReports')));
    } catch (err) {
      replace(result, h('p', { class: 'error', role: 'alert' }, t('error', { detail: err.message })));
    }
  } },
  field(t('from'), h('input', { type: 'date', name: 'from', id: 'purge-from', required: true, value: weekAgo })),
  field(t('to'), h('input', { type: 'date', name: 'to', id: 'purge-to', required: true, value: today })),
  h('button', { type: 'submit', id: 'purge-show' }, t('showPurgeReports')));
  return h('section', { 'aria-labelledby': 'purge-h' }, h('h2', { id: 'purge-h' }, t('purgeReports')),
    h('p', {}, t('purgeReportsText')), form, result);
}

export async function adminPage(main) {
  const holdResult = h('div', { id: 'hold-result', 'aria-live': 'polite' });
  const show = async (work) => {
    try {
      replace(holdResult, holdView(await work()));
    } catch (e) {
      replace(holdResult, e instanceof Problem && e.status === 404 ? h('p', {}, t('noHold'))
        : h('p', { class: 'error', role: 'alert' }, t('error', { detail: e.message })));
    }
  };
  const holdForm = h('form', { id: 'hold-form', class: 'stack', onsubmit: e => {
    e.preventDefault();
    show(async () => (await call('PUT', holdPath(holdForm), { body: { until: holdForm.elements.until.value,
      reason: holdForm.elements.reason.value } })).data).then(() => say(t('done')));
  } },
  field(t('holdTarget'), h('select', { name: 'target', id: 'hold-target' }, Object.keys(TARGETS).map(k => h('option', { value: k }, k)))),
  field(t('holdTargetId'), h('input', { name: 'targetId', id: 'hold-id', required: true, maxlength: 40, autocomplete: 'off' })),
  field(t('holdUntil'), h('input', { type: 'date', name: 'until', id: 'hold-until' })),
  field(t('holdReason'), h('textarea', { name: 'reason', id: 'hold-reason', rows: 2, maxlength: 500 })),
  h('div', { class: 'buttons' },
    h('button', { type: 'button', id: 'hold-show', onclick: () => show(async () => (await call('GET', holdPath(holdForm))).data) }, t('showHold')),
    h('button', { type: 'submit', class: 'primary', id: 'hold-place' }, t('placeHold')),
    h('button', { type: 'button', id: 'hold-lift', onclick: () => show(async () => { await call('DELETE', holdPath(holdForm)); return null; }) }, t('liftHold'))));
  const auditResult = h('div', { id: 'audit-result' });
  const auditForm = h('form', { id: 'audit-form', class: 'inline', onsubmit: async e => {
    e.preventDefault();
    try {
      const items = await all(`/audit?targetId=${encodeURIComponent(auditForm.elements.auditId.value.trim())}`, 200);
      replace(auditResult, items.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'audit-table' },
        h('caption', {}, t('audit')),
        h('thead', {}, h('tr', {}, [t('at'), t('action'), t('actor'), t('purpose'), t('route')].map(c => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, items.map(a => h('tr', {}, h('td', {}, dateTime(a.occurredAt)), h('td', {}, a.action),
          h('td', {}, `${a.actorGroup} ${a.actorId}${a.processorId ? ` (${a.processorId})` : ''}`), h('td', {}, a.purpose), h('td', {}, a.route))))))
        : h('p', {}, t('noResults')));
    } catch (err) {
      replace(auditResult, h('p', { class: 'error', role: 'alert' }, t('error', { detail: err.message })));
    }
  } }, field(t('auditTarget'), h('input', { name: 'auditId', id: 'audit-id', required: true, maxlength: 120, autocomplete: 'off' })),
  h('button', { type: 'submit' }, t('showAudit')));
  replace(main, h('h1', {}, t('adminTitle')),
    h('section', { 'aria-labelledby': 'holds-h' }, h('h2', { id: 'holds-h' }, t('holds')), holdForm, holdResult),
    h('section', { 'aria-labelledby': 'audit-h' }, h('h2', { id: 'audit-h' }, t('audit')), auditForm, auditResult),
    purgeSection());
  focusHeading();
}
