'use strict';
// The enterprise's filing page: this month's report in a form validated by the server exactly as an import
// (POST/PUT /api/reports/{code}), its problems shown next to their fields in Chinese or English, its last
// reports, their revision history, and the reminders analysts sent.

const FIELDS = [
  ['output_value', '工业总产值', 'Gross output value', '万元', '10k yuan'],
  ['sales_value', '销售产值', 'Sales value', '万元', '10k yuan'],
  ['export_value', '出口交货值', 'Export delivery value', '万元', '10k yuan'],
  ['revenue', '营业收入', 'Operating revenue', '万元', '10k yuan'],
  ['profit', '利润总额', 'Total profit', '万元', '10k yuan'],
  ['rd_expense', '研发费用', 'R&D expense', '万元', '10k yuan'],
  ['energy_tce', '综合能源消费量', 'Energy consumption', '吨标准煤', 't of coal equivalent'],
  ['water_m3', '用水量', 'Water consumption', '立方米', 'm³'],
  ['receivables', '应收账款', 'Accounts receivable', '万元', '10k yuan'],
  ['overdue_receivables', '其中：逾期应收账款', 'of which overdue', '万元', '10k yuan'],
  ['employees', '期末从业人员', 'Employees at month end', '人', 'persons'],
];

let overview = null;
let problems = [];      // [{ field, code, message, messageZh, severity }]
let statusText = null;  // { en, zh, cls }

function renderFields() {
  const host = document.getElementById('fields');
  host.replaceChildren(...FIELDS.map(([name, zh, en, unitZh, unitEn]) => Ballast.el('div', { class: 'field', 'data-field': name },
    Ballast.el('label', { for: 'f-' + name },
      Ballast.el('span', { 'data-en': en, 'data-zh': zh }, en), ' ',
      Ballast.el('span', { class: 'unit', 'data-en': '(' + unitEn + ')', 'data-zh': '（' + unitZh + '）' }, '')),
    Ballast.el('input', { id: 'f-' + name, name, inputmode: 'decimal', autocomplete: 'off' }),
    Ballast.el('span', { class: 'hint', 'data-hint': name }),
    Ballast.el('span', { class: 'problem', 'data-problem': name }))));
}

function lastReport() { return overview && overview.reports.length > 0 ? overview.reports[0] : null; }

function camel(name) { return name.replace(/_([a-z])/g, (_, c) => c.toUpperCase()); }

function renderHints() {
  const last = lastReport();
  for (const [name] of FIELDS) {
    const hint = document.querySelector(`[data-hint="${name}"]`);
    hint.textContent = last ? Ballast.t({ en: 'Last report (' + Ballast.period(last.period) + '): ', zh: '上期（' + Ballast.period(last.period) + '）：' }) + last[camel(name)] : '';
  }
}

function renderProblems() {
  document.querySelectorAll('[data-problem]').forEach(e => { e.textContent = ''; e.className = 'problem'; });
  document.querySelectorAll('.field.has-error').forEach(e => e.classList.remove('has-error'));
  for (const p of problems) {
    const known = document.querySelector(`[data-problem="${CSS.escape(p.field)}"]`);
    const target = known || document.querySelector('[data-problem=""]');
    const text = Ballast.lang === 'zh' ? p.messageZh : p.message;
    target.textContent = (target.textContent ? target.textContent + ' ' : '') + text;
    target.className = 'problem ' + p.severity;
    target.dataset.code = p.code;
    if (p.severity === 'error' && known) known.closest('.field').classList.add('has-error');
  }
  const status = document.getElementById('form-status');
  status.textContent = statusText ? Ballast.t(statusText) : '';
  status.className = 'status ' + (statusText ? statusText.cls : '');
}

async function localise(list, severity) {
  if (!list || list.length === 0) return [];
  const r = await Ballast.api('POST', '/api/filing/messages', list.map(p => ({ field: p.field, code: p.code, message: p.message })));
  const texts = r.ok ? r.json : list.map(p => ({ ...p, messageZh: p.message }));
  return texts.map(p => ({ ...p, severity }));
}

function renderReminders() {
  const section = document.getElementById('reminders-section');
  const list = overview.reminders;
  section.hidden = list.length === 0;
  document.getElementById('reminders').replaceChildren(...list.map(r => Ballast.el('div', { class: 'reminder' },
    Ballast.t({
      en: `Your report of ${r.period} has not arrived by the deadline; please file it. (${r.sentBy}, ${Ballast.time(r.sentAt)})`,
      zh: `贵单位 ${r.period} 月报未在截止日前报送，请尽快填报。（${r.sentBy}，${Ballast.time(r.sentAt)}）`,
    }))));
}

function renderReports() {
  const body = document.querySelector('#reports tbody');
  body.replaceChildren(...overview.reports.map(r => {
    const p = Ballast.period(r.period);
    return Ballast.el('tr', {},
      Ballast.el('td', {}, p),
      Ballast.el('td', {}, Ballast.number(r.outputValue)), Ballast.el('td', {}, Ballast.number(r.salesValue)),
      Ballast.el('td', {}, Ballast.number(r.revenue)), Ballast.el('td', {}, Ballast.number(r.profit)),
      Ballast.el('td', {}, r.employees),
      Ballast.el('td', {}, Ballast.el('button', { class: 'link', type: 'button', 'data-history': p, onclick: () => showHistory(p) },
        Ballast.t({ en: 'History', zh: '修订记录' }))));
  }));
}

async function showHistory(period) {
  const r = await Ballast.api('GET', `/api/filing/history/${period}`);
  const section = document.getElementById('history-section');
  section.hidden = false;
  document.getElementById('history-period').textContent = period;
  const host = document.getElementById('history');
  if (!r.ok) { host.textContent = (r.json && r.json.detail) || ('HTTP ' + r.status); return; }
  if (r.json.length === 0) {
    host.replaceChildren(Ballast.el('p', { class: 'muted' }, Ballast.t({ en: 'Never revised.', zh: '未修订过。' })));
    return;
  }
  host.replaceChildren(Ballast.el('table', {},
    Ballast.el('thead', {}, Ballast.el('tr', {},
      Ballast.el('th', { class: 'text' }, Ballast.t({ en: 'Replaced at', zh: '修订时间' })),
      Ballast.el('th', { class: 'text' }, Ballast.t({ en: 'By', zh: '修订人' })),
      Ballast.el('th', { class: 'text' }, Ballast.t({ en: 'Earlier values', zh: '修订前数值' })))),
    Ballast.el('tbody', {}, r.json.map(v => Ballast.el('tr', {},
      Ballast.el('td', { class: 'text' }, Ballast.time(v.replacedAt)),
      Ballast.el('td', { class: 'text' }, v.user),
      Ballast.el('td', { class: 'text' }, Object.entries(v.oldValues).filter(([k]) => k !== 'credit_code' && k !== 'period').map(([k, x]) => k + ' ' + x).join(', ')))))));
}

function currentPeriod() { return document.getElementById('f-period').value.trim(); }

function isFiled(period) { return overview.reports.some(r => Ballast.period(r.period) === period); }

function renderTitle() {
  const p = currentPeriod();
  document.getElementById('period-title').textContent = p;
  document.getElementById('submit-report').textContent = isFiled(p)
    ? Ballast.t({ en: 'Revise the report', zh: '修订报表' }) : Ballast.t({ en: 'File the report', zh: '提交报表' });
  document.getElementById('due-line').textContent = Ballast.t({
    en: `Due: the report of ${overview.periodDue}, by ${Ballast.time(overview.deadline)} (Beijing time).` + (overview.filed ? ' Filed.' : ''),
    zh: `应报：${overview.periodDue} 月报，截止时间 ${Ballast.time(overview.deadline)}（北京时间）。` + (overview.filed ? '已报送。' : ''),
  });
}

async function submit(event) {
  event.preventDefault();
  const period = currentPeriod();
  const body = { period };
  for (const [name] of FIELDS) body[name] = document.getElementById('f-' + name).value.trim();
  const revise = isFiled(period);
  statusText = { en: 'Sending…', zh: '正在提交…', cls: '' };
  renderProblems();
  const r = revise
    ? await Ballast.api('PUT', `/api/reports/${overview.creditCode}/${encodeURIComponent(period)}`, body)
    : await Ballast.api('POST', `/api/reports/${overview.creditCode}`, body);
  if (r.ok) {
    problems = await localise(r.json.warnings, 'warning');
    statusText = revise ? { en: `The report of ${period} is revised.`, zh: `${period} 月报已修订。`, cls: 'ok' }
      : { en: `The report of ${period} is filed.`, zh: `${period} 月报已报送。`, cls: 'ok' };
    await load(false);
  } else if (r.json && Array.isArray(r.json.errors)) {
    problems = await localise(r.json.errors, 'error');
    statusText = { en: 'The report was not stored: correct the fields marked in red.', zh: '报表未保存：请更正标红的指标。', cls: 'error' };
  } else {
    problems = [];
    statusText = { en: (r.json && (r.json.detail || r.json.title)) || 'HTTP ' + r.status, zh: (r.json && (r.json.detail || r.json.title)) || 'HTTP ' + r.status, cls: 'error' };
  }
  renderProblems();
  renderTitle();
}

function copyLast() {
  const last = lastReport();
  if (!last) return;
  for (const [name] of FIELDS) document.getElementById('f-' + name).value = String(last[camel(name)]);
}

async function load(first) {
  const r = await Ballast.api('GET', '/api/filing');
  if (!r.ok) { document.getElementById('form-status').textContent = (r.json && r.json.detail) || 'HTTP ' + r.status; return; }
  overview = r.json;
  document.getElementById('firm-name').textContent = `${overview.name} (${overview.creditCode})`;
  if (first) document.getElementById('f-period').value = overview.periodDue;
  renderReminders();
  renderReports();
  renderHints();
  renderTitle();
}

(async () => {
  const me = await Ballast.session(['enterprise']);
  if (!me) return;
  renderFields();
  Ballast.setLang(Ballast.lang); // label the generated fields
  document.getElementById('report-form').addEventListener('submit', submit);
  document.getElementById('copy-last').addEventListener('click', copyLast);
  document.getElementById('f-period').addEventListener('input', renderTitle);
  Ballast.onLang(() => { if (overview) { renderProblems(); renderReminders(); renderReports(); renderHints(); renderTitle(); } });
  await load(true);
})();
