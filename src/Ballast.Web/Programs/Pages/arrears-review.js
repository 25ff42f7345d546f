'use strict';
// The reviewers' arrears page: a provincial analyst handles the cases assigned to its province (accept, start,
// close as paid, partly paid, disputed or withdrawn), overdue ones highlighted; a national analyst sees every case,
// escalates the overdue ones, and reads the statistics of cases and amounts cleared by debtor type and province.

let me = null;
let cases = [];
let stats = null;
const open = new Map(); // id → { history, problem }

const el = (...a) => Ballast.el(...a);
const isMinistry = () => me.role === 'national_analyst';
const CLOSURES = [['paid', 'Paid', '已清偿'], ['partly_paid', 'Partly paid', '部分清偿'], ['disputed', 'Disputed', '存在争议'], ['withdrawn', 'Withdrawn', '已撤回']];

function actions(c) {
  const o = open.get(c.id);
  const closed = ['paid', 'partly_paid', 'disputed', 'withdrawn'].includes(c.status);
  const outcome = el('select', { id: `outcome-${c.id}` }, CLOSURES.map(([v, en, zh]) => el('option', { value: v }, Ballast.t({ en, zh }))));
  const paid = el('input', { id: `paid-${c.id}`, inputmode: 'decimal', size: 8, placeholder: Ballast.t({ en: 'paid (10k yuan)', zh: '已清偿金额（万元）' }) });
  const note = el('textarea', { id: `note-${c.id}`, placeholder: Ballast.t({ en: 'Note', zh: '办理说明' }) });
  return el('div', {},
    Cases.history(o.history ?? []),
    closed ? null : el('div', { class: 'inline-form' }, note,
      c.status === 'registered' ? el('button', { type: 'button', 'data-action': 'accept', onclick: () => step(c.id, 'accept', { note: note.value }) }, Ballast.t({ en: 'Accept', zh: '受理' })) : null,
      c.status === 'accepted' ? el('button', { type: 'button', 'data-action': 'start', onclick: () => step(c.id, 'start', { note: note.value }) }, Ballast.t({ en: 'Start work', zh: '开始办理' })) : null,
      outcome, paid,
      el('button', { type: 'button', class: 'primary', 'data-action': 'close', onclick: () => {
        const body = { outcome: outcome.value, note: note.value };
        if (paid.value.trim()) body.paid = Number(paid.value.trim());
        step(c.id, 'close', body);
      } }, Ballast.t({ en: 'Close the case', zh: '办结' }))),
    el('span', { class: 'problem error', 'data-case-problem': c.id }, o.problem ? o.problem.map(p => Ballast.t(p)).join(' ') : ''));
}

function renderCases() {
  const onlyOverdue = document.getElementById('only-overdue').checked;
  const shown = cases.filter(c => !onlyOverdue || c.overdue);
  document.getElementById('cases-empty').hidden = shown.length > 0;
  const table = document.getElementById('cases');
  const cols = Cases.columns(true);
  table.tHead.replaceChildren(Cases.head(cols));
  const rows = [];
  for (const c of shown) {
    rows.push(el('tr', { 'data-case': c.id, class: c.overdue ? 'overdue' : '' }, ...Cases.cells(c, true),
      el('td', { class: 'actions-cell' }, el('button', { type: 'button', class: 'link', 'data-action': 'handle', onclick: () => toggle(c.id) },
        Ballast.t(open.has(c.id) ? { en: 'Hide', zh: '收起' } : { en: 'Handle', zh: '办理' })))));
    if (open.has(c.id)) rows.push(el('tr', { class: 'detail', 'data-detail': c.id }, el('td', { colspan: cols.length }, actions(c))));
  }
  table.tBodies[0].replaceChildren(...rows);
}

async function toggle(id) {
  if (open.has(id)) { open.delete(id); renderCases(); return; }
  const o = {};
  open.set(id, o);
  const r = await Ballast.api('GET', `/api/arrears/cases/${id}`);
  if (r.ok) o.history = r.json.history; else o.problem = Cases.problems(r);
  renderCases();
}

async function step(id, action, body) {
  const r = await Ballast.api('POST', `/api/arrears/cases/${id}/${action}`, body);
  const o = open.get(id);
  if (!r.ok) { o.problem = Cases.problems(r); renderCases(); return; }
  const status = document.getElementById('cases-status');
  status.className = 'status ok';
  status.textContent = Ballast.t({ en: `Case ${id}: ${Names.status(r.json.status)}.`, zh: `案件 ${id}：${Names.status(r.json.status)}。` });
  o.problem = null;
  const again = await Ballast.api('GET', `/api/arrears/cases/${id}`);
  if (again.ok) o.history = again.json.history;
  await load();
}

async function escalate() {
  const r = await Ballast.api('POST', '/api/arrears/escalation', {});
  const status = document.getElementById('cases-status');
  status.className = 'status ' + (r.ok ? 'ok' : 'error');
  status.textContent = r.ok ? Ballast.t({ en: `${r.json.length} cases escalated.`, zh: `已督办 ${r.json.length} 件。` }) : Cases.problems(r).map(p => Ballast.t(p)).join(' ');
  await load();
}

function tallyRow(label, t) {
  return el('tr', {}, el('td', { class: 'text' }, label), el('td', {}, t.cases), el('td', {}, Cases.money(t.registered)), el('td', {}, Cases.money(t.cleared)),
    el('td', {}, Cases.money(t.outstanding)), el('td', {}, Cases.money(t.closedUnpaid)), el('td', {}, t.openCases), el('td', {}, t.overdueCases));
}

function renderStats() {
  if (!stats) return;
  const head = first => Cases.head([first, ['Cases', '案件数'], ['Registered', '登记金额'], ['Cleared', '已清偿金额'], ['Outstanding', '未清偿金额'],
    ['Closed unpaid', '办结未清偿'], ['Open', '在办'], ['Overdue', '超期']]);
  const t = stats.total;
  document.getElementById('stats-total').textContent = Ballast.t({
    en: `As of ${Ballast.time(stats.asOf)}: ${t.cases} cases, ${Cases.money(t.registered)} registered, ${Cases.money(t.cleared)} cleared, ${Cases.money(t.outstanding)} outstanding (10,000 yuan); ${t.overdueCases} open past their deadline.`,
    zh: `截至 ${Ballast.time(stats.asOf)}：共 ${t.cases} 件，登记金额 ${Cases.money(t.registered)} 万元，已清偿 ${Cases.money(t.cleared)} 万元，未清偿 ${Cases.money(t.outstanding)} 万元；超期未办结 ${t.overdueCases} 件。`,
  });
  document.querySelector('#by-debtor thead').replaceChildren(head(['Debtor type', '债务人类型', 'text']));
  document.querySelector('#by-debtor tbody').replaceChildren(...Object.entries(stats.byDebtorType).map(([k, v]) => tallyRow(Names.debtor(k), v)));
  document.querySelector('#by-province thead').replaceChildren(head(['Province', '省份', 'text']));
  const provinces = Object.keys(stats.byProvince).sort();
  document.querySelector('#by-province tbody').replaceChildren(...provinces.map(p => tallyRow(Names.province(p), stats.byProvince[p])));
  if (typeof echarts === 'undefined') return;
  const host = document.getElementById('stats-chart');
  const chart = echarts.getInstanceByDom(host) ?? echarts.init(host);
  chart.setOption({
    grid: { left: 70, right: 20, top: 40, bottom: 60 }, tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: { type: 'category', data: provinces.map(Names.province), axisLabel: { rotate: 35, interval: 0 } },
    yAxis: { type: 'value', name: Ballast.t({ en: '10,000 yuan', zh: '万元' }) },
    series: [
      { name: Ballast.t({ en: 'Cleared', zh: '已清偿' }), type: 'bar', stack: 'a', data: provinces.map(p => Number(stats.byProvince[p].cleared)), itemStyle: { color: '#1e6b3a' } },
      { name: Ballast.t({ en: 'Outstanding', zh: '未清偿' }), type: 'bar', stack: 'a', data: provinces.map(p => Number(stats.byProvince[p].outstanding)), itemStyle: { color: '#b3261e' } },
    ],
  }, true);
}

let links = [];
// One row per SME: its latest month flagged (up to this month) and how many months are flagged in all.
function latestLinks(all) {
  const now = new Date(Date.now() + 8 * 3600 * 1000); // Beijing
  const thisMonth = now.getUTCFullYear() + '-' + String(now.getUTCMonth() + 1).padStart(2, '0');
  const bySme = new Map();
  for (const w of all.filter(x => x.period <= thisMonth)) {
    const seen = bySme.get(w.creditCode);
    if (!seen) bySme.set(w.creditCode, { ...w, months: 1 });
    else { seen.months++; if (w.period > seen.period) Object.assign(seen, { ...w, months: seen.months }); }
  }
  return [...bySme.values()].sort((a, b) => a.creditCode < b.creditCode ? -1 : 1);
}

function renderLinks() {
  document.getElementById('link-empty').hidden = links.length > 0;
  document.querySelector('#link-check thead').replaceChildren(Cases.head([['Enterprise', '企业', 'text'], ['Latest month', '最近月份'], ['Months', '月数'],
    ['Open cases', '未办结案件数'], ['Registered, open', '登记未清偿金额'], ['Reported overdue receivables', '月报逾期应收账款']]));
  document.querySelector('#link-check tbody').replaceChildren(...links.map(w => el('tr', { 'data-link': w.creditCode },
    el('td', { class: 'text' }, `${w.enterpriseName} (${w.creditCode})`), el('td', {}, w.period), el('td', {}, w.months), el('td', {}, w.openCases),
    el('td', {}, Cases.money(w.outstanding)), el('td', {}, Cases.money(w.reported)))));
}

async function load() {
  const [list, s, l] = await Promise.all([Ballast.api('GET', '/api/arrears/cases'), Ballast.api('GET', '/api/arrears/statistics'),
    Ballast.api('GET', '/api/arrears/link-check')]);
  links = l.ok ? latestLinks(l.json) : [];
  cases = list.ok ? list.json.sort((a, b) => a.id - b.id) : [];
  stats = s.ok ? s.json : null;
  // A province handles cases whose creditors may be SMEs of other provinces, whose register entries it may not read:
  // names are looked up for the ministry only.
  if (isMinistry()) await Names.loadEnterprises(cases.filter(c => !['paid', 'partly_paid', 'disputed', 'withdrawn'].includes(c.status)).map(c => c.creditCode));
  renderCases();
  renderStats();
  renderLinks();
}

(async () => {
  me = await Ballast.session(['provincial_analyst', 'national_analyst']);
  if (!me) return;
  const renderWho = () => {
    document.getElementById('reviewer').textContent = isMinistry()
      ? Ballast.t({ en: 'the ministry', zh: '工业和信息化部' }) + ` (${me.userName})` : Names.province(me.scope) + ` (${me.userName})`;
  };
  renderWho();
  document.getElementById('escalate').hidden = !isMinistry();
  document.getElementById('escalate').addEventListener('click', escalate);
  document.getElementById('only-overdue').addEventListener('change', renderCases);
  Ballast.onLang(() => { renderWho(); renderCases(); renderStats(); renderLinks(); });
  window.addEventListener('resize', () => { if (typeof echarts !== 'undefined') echarts.getInstanceByDom(document.getElementById('stats-chart'))?.resize(); });
  await load();
})();
