'use strict';
// The SME's arrears page: register a case against a debtor that has not paid on time (every problem shown at its
// field), and follow its cases: state, amounts, handling deadline, history; withdraw an open one.

let me = null;
let cases = [];
let problems = [];   // [{ field, en, zh }]
let statusText = null;
const histories = new Map(); // id → rendered history (open rows)

const el = (...a) => Ballast.el(...a);
const FIELDS = ['debtor_name', 'debtor_type', 'province', 'amount', 'contract_date', 'due_date'];
const value = f => document.getElementById('c-' + f).value.trim();

function renderSelects() {
  const type = document.getElementById('c-debtor_type');
  const t = type.value;
  type.replaceChildren(el('option', { value: '' }, Ballast.t({ en: '— choose —', zh: '— 请选择 —' })),
    ...Names.debtorCodes.map(c => el('option', { value: c }, Names.debtor(c))));
  type.value = t;
  const province = document.getElementById('c-province');
  const p = province.value;
  province.replaceChildren(el('option', { value: '' }, Ballast.t({ en: '— choose —', zh: '— 请选择 —' })),
    ...Object.keys(Names.provinces).sort().map(c => el('option', { value: c }, Names.province(c))));
  province.value = p;
}

function renderProblems() {
  document.querySelectorAll('#case-form [data-problem]').forEach(e => { e.textContent = ''; e.className = 'problem'; });
  document.querySelectorAll('#case-form .field.has-error').forEach(e => e.classList.remove('has-error'));
  for (const p of problems) {
    const known = FIELDS.includes(p.field) ? document.querySelector(`#case-form [data-problem="${p.field}"]`) : null;
    const target = known || document.querySelector('#case-form [data-problem=""]');
    target.textContent = (target.textContent ? target.textContent + ' ' : '') + Ballast.t(p);
    target.className = 'problem error';
    if (known) known.closest('.field').classList.add('has-error');
  }
  const status = document.getElementById('form-status');
  status.textContent = statusText ? Ballast.t(statusText) : '';
  status.className = 'status ' + (statusText ? statusText.cls : '');
}

// What the browser can tell before sending: required fields and how numbers and dates are written.
function localProblems() {
  const list = [];
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (!value('debtor_name')) list.push({ field: 'debtor_name', en: 'Name the debtor that owes the money.', zh: '请填写债务人名称。' });
  if (!value('debtor_type')) list.push({ field: 'debtor_type', en: 'Choose the debtor type.', zh: '请选择债务人类型。' });
  if (!value('province')) list.push({ field: 'province', en: "Choose the debtor's province.", zh: '请选择债务人所在省份。' });
  if (!/^\d+(\.\d+)?$/.test(value('amount'))) list.push({ field: 'amount', en: 'Write the amount owed as a number of 10,000 yuan (e.g. 12.5).', zh: '请以万元为单位填写金额（如 12.5）。' });
  if (!date.test(value('contract_date'))) list.push({ field: 'contract_date', en: 'Write the contract date as YYYY-MM-DD.', zh: '合同日期应写作 YYYY-MM-DD。' });
  if (value('due_date') && !date.test(value('due_date'))) list.push({ field: 'due_date', en: 'Write the due date as YYYY-MM-DD, or leave it empty.', zh: '约定付款日应写作 YYYY-MM-DD，或留空。' });
  return list;
}

async function register(event) {
  event.preventDefault();
  problems = localProblems();
  statusText = null;
  if (problems.length === 0) {
    const r = await Ballast.api('POST', '/api/arrears/cases', {
      debtorName: value('debtor_name'), debtorType: value('debtor_type'), province: value('province'),
      amount: Number(value('amount')), contractDate: value('contract_date'), dueDate: value('due_date') || null,
    });
    if (r.ok) {
      statusText = { en: `Case ${r.json.id} registered; it goes to ${Names.province(r.json.province)}, to be handled by ${r.json.handlingDeadline.substring(0, 10)}.`,
        zh: `案件 ${r.json.id} 已登记，转 ${Names.province(r.json.province)} 办理，办理期限 ${r.json.handlingDeadline.substring(0, 10)}。`, cls: 'ok' };
      FIELDS.forEach(f => { document.getElementById('c-' + f).value = ''; });
      await load();
    } else {
      problems = Cases.problems(r);
    }
  }
  if (problems.length > 0) statusText = { en: 'The case was not registered: correct the fields marked in red.', zh: '案件未登记：请更正标红的项目。', cls: 'error' };
  renderProblems();
}

function renderCases() {
  document.getElementById('cases-empty').hidden = cases.length > 0;
  const table = document.getElementById('cases');
  const cols = Cases.columns(false);
  table.tHead.replaceChildren(Cases.head(cols));
  const rows = [];
  for (const c of cases) {
    const open = !['paid', 'partly_paid', 'disputed', 'withdrawn'].includes(c.status);
    rows.push(el('tr', { 'data-case': c.id, class: c.overdue ? 'overdue' : '' }, ...Cases.cells(c, false),
      el('td', { class: 'actions-cell' },
        el('button', { type: 'button', class: 'link', 'data-action': 'history', onclick: () => toggleHistory(c.id) },
          Ballast.t(histories.has(c.id) ? { en: 'Hide history', zh: '收起记录' } : { en: 'History', zh: '办理记录' })),
        open ? el('button', { type: 'button', class: 'link', 'data-action': 'withdraw', onclick: () => withdraw(c.id) }, Ballast.t({ en: 'Withdraw', zh: '撤回' })) : null)));
    if (histories.has(c.id)) rows.push(el('tr', { class: 'detail' }, el('td', { colspan: cols.length }, histories.get(c.id))));
  }
  table.tBodies[0].replaceChildren(...rows);
}

async function toggleHistory(id) {
  if (histories.has(id)) { histories.delete(id); renderCases(); return; }
  const r = await Ballast.api('GET', `/api/arrears/cases/${id}`);
  histories.set(id, r.ok ? Cases.history(r.json.history) : el('span', { class: 'status error' }, Cases.problems(r).map(p => Ballast.t(p)).join(' ')));
  renderCases();
}

async function withdraw(id) {
  if (!confirm(Ballast.t({ en: `Withdraw case ${id}?`, zh: `确定撤回案件 ${id}？` }))) return;
  const r = await Ballast.api('POST', `/api/arrears/cases/${id}/close`, { outcome: 'withdrawn' });
  const status = document.getElementById('row-status');
  status.className = 'status ' + (r.ok ? 'ok' : 'error');
  status.textContent = r.ok ? Ballast.t({ en: `Case ${id} withdrawn.`, zh: `案件 ${id} 已撤回。` }) : Cases.problems(r).map(p => Ballast.t(p)).join(' ');
  histories.delete(id);
  await load();
}

async function load() {
  const r = await Ballast.api('GET', '/api/arrears/cases');
  cases = r.ok ? r.json.sort((a, b) => b.id - a.id) : [];
  renderCases();
}

(async () => {
  me = await Ballast.session(['enterprise']);
  if (!me) return;
  const register_ = await Ballast.api('GET', `/api/register/${me.scope}`);
  document.getElementById('firm-name').textContent = register_.ok ? `${register_.json.name} (${me.scope})` : me.scope;
  renderSelects();
  document.getElementById('case-form').addEventListener('submit', register);
  Ballast.onLang(() => { renderSelects(); renderProblems(); renderCases(); });
  await load();
})();
