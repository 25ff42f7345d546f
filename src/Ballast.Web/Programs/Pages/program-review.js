'use strict';
// The reviewers' programs page: a provincial analyst reviews its province's applications, a national analyst
// takes the ministry's step. Each waiting application opens with its pre-check (criterion by criterion) and its
// history; the reviewer approves it or returns it with reasons. The registry's counts by tier, province and
// division (public lists) are shown as a table and an ECharts bar chart.

let me = null;
let programs = [];
let applications = [];
let counts = [];
const open = new Map(); // id → { check, trail, problem, status }

const el = (...a) => Ballast.el(...a);
const isMinistry = () => me.role === 'national_analyst';

function tierDef(code) {
  for (const p of programs) for (const t of p.tiers) if (t.tier === code) return t;
  return null;
}

// Whose step it is (as the API decides it): the province for a submitted application of a tier the province
// reviews (or a self-assessed tier's re-review), the ministry after the province or for a ministry-only tier.
function waitsFor(a) {
  const reviewers = tierDef(a.tier)?.reviewers ?? [];
  if (a.state === 'ProvinceApproved') return 'ministry';
  if (a.state !== 'Submitted') return null;
  if (reviewers.includes('Province')) return 'province';
  return reviewers.includes('Ministry') ? 'ministry' : 'province';
}

function mine(a) { return waitsFor(a) === (isMinistry() ? 'ministry' : 'province'); }

function detail(a) {
  const o = open.get(a.id);
  if (!o.check && !o.trail) return el('p', { class: 'muted' }, '…');
  const note = el('textarea', { id: `note-${a.id}`, placeholder: Ballast.t({ en: 'Note (approve) or reasons (return: required)', zh: '审核意见（通过）或退回理由（退回：必填）' }) });
  note.value = o.note ?? '';
  note.addEventListener('input', () => { o.note = note.value; });
  return el('div', {},
    el('h3', {}, Ballast.t({ en: 'Pre-check now', zh: '当前预检结果' })),
    o.check ? Criteria.render(o.check) : el('p', { class: 'status error' }, o.checkProblem ?? ''),
    el('h3', {}, Ballast.t({ en: 'History', zh: '办理记录' })),
    o.trail ? Criteria.trail(o.trail) : null,
    el('div', { class: 'inline-form' }, note,
      el('button', { type: 'button', class: 'primary', 'data-action': 'approve', onclick: () => decide(a.id, 'approve') }, Ballast.t({ en: 'Approve', zh: '通过' })),
      el('button', { type: 'button', 'data-action': 'return', onclick: () => decide(a.id, 'return') }, Ballast.t({ en: 'Return with reasons', zh: '退回' }))),
    el('span', { class: 'problem error', 'data-review-problem': a.id }, o.problem ? Ballast.t(o.problem) : ''));
}

function renderQueue() {
  const queue = applications.filter(mine);
  document.getElementById('queue-empty').hidden = queue.length > 0;
  const rows = [];
  for (const a of queue) {
    rows.push(el('tr', { 'data-application': a.id },
      el('td', {}, a.id), el('td', { class: 'text' }, Names.enterprise(a.creditCode)), el('td', { class: 'text' }, Names.tier(a.tier)),
      el('td', { class: 'text' }, a.factoryId ?? '—'), el('td', { class: 'text' }, Names.province(a.province)),
      el('td', { class: 'text' }, Names.kind(a.kind)), el('td', { class: 'text' }, Names.state(a.state)),
      el('td', {}, Ballast.time(a.submittedAt)),
      el('td', { class: 'actions-cell' }, el('button', { type: 'button', class: 'link', 'data-action': 'review', onclick: () => toggle(a) },
        Ballast.t(open.has(a.id) ? { en: 'Hide', zh: '收起' } : { en: 'Review', zh: '审核' })))));
    if (open.has(a.id)) rows.push(el('tr', { class: 'detail', 'data-detail': a.id }, el('td', { colspan: 9 }, detail(a))));
  }
  document.querySelector('#queue tbody').replaceChildren(...rows);
  document.querySelector('#others tbody').replaceChildren(...applications.filter(a => !mine(a)).map(a => el('tr', { 'data-application': a.id },
    el('td', {}, a.id), el('td', { class: 'text' }, a.creditCode), el('td', { class: 'text' }, Names.tier(a.tier)),
    el('td', { class: 'text' }, a.factoryId ?? '—'), el('td', { class: 'text' }, Names.state(a.state)), el('td', {}, a.validUntil ?? '—'))));
}

async function toggle(a) {
  if (open.has(a.id)) { open.delete(a.id); renderQueue(); return; }
  const o = {};
  open.set(a.id, o);
  renderQueue();
  const [check, trail] = await Promise.all([
    Ballast.api('POST', '/api/programs/precheck', { tier: a.tier, creditCode: a.creditCode, factoryId: a.factoryId }),
    Ballast.api('GET', `/api/programs/applications/${a.id}/trail`)]);
  if (check.ok) o.check = check.json; else o.checkProblem = Criteria.problem(check);
  o.trail = trail.ok ? trail.json : [];
  renderQueue();
}

async function decide(id, action) {
  const o = open.get(id);
  const text = (o.note ?? '').trim();
  if (action === 'return' && !text) {
    o.problem = { en: 'A return needs its reasons: write them in the box.', zh: '退回须填写理由。' };
    renderQueue();
    return;
  }
  const r = await Ballast.api('POST', `/api/programs/applications/${id}/${action}`, action === 'return' ? { reasons: text } : { note: text });
  const status = document.getElementById('queue-status');
  if (!r.ok) {
    const message = Criteria.problem(r);
    o.problem = { en: message, zh: message };
    renderQueue();
    return;
  }
  open.delete(id);
  status.className = 'status ok';
  status.textContent = Ballast.t({ en: `Application ${id}: ${Names.state(r.json.state)}.`, zh: `第 ${id} 号申请：${Names.state(r.json.state)}。` });
  await loadApplications();
  await loadRegistry();
}

function renderRegistry() {
  document.querySelector('#registry tbody').replaceChildren(...counts.map(c => el('tr', {},
    el('td', {}, Names.tier(c.tier)), el('td', { class: 'text' }, Names.province(c.province)), el('td', { class: 'text' }, c.division),
    el('td', {}, c.enterprises), el('td', {}, c.factories))));
  if (typeof echarts === 'undefined') return;
  const by = document.getElementById('r-by').value;
  const totals = new Map();
  for (const c of counts) totals.set(c[by], (totals.get(c[by]) ?? 0) + c.enterprises);
  const keys = [...totals.keys()].sort();
  const label = k => by === 'tier' ? Names.tier(k) : by === 'province' ? Names.province(k) : k;
  const host = document.getElementById('registry-chart');
  const chart = echarts.getInstanceByDom(host) ?? echarts.init(host);
  // Horizontal bars: the tiers' and provinces' names are long.
  host.style.height = Math.max(160, 40 + keys.length * 28) + 'px';
  chart.resize();
  chart.setOption({
    grid: { left: 20, right: 40, top: 30, bottom: 20, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    yAxis: { type: 'category', data: keys.map(label), inverse: true },
    xAxis: { type: 'value', name: Ballast.t({ en: 'Enterprises', zh: '企业数' }), minInterval: 1 },
    series: [{ type: 'bar', data: keys.map(k => totals.get(k)), itemStyle: { color: '#b3261e' }, label: { show: true, position: 'right' } }],
  }, true);
}

async function loadRegistry(event) {
  if (event) event.preventDefault();
  const date = document.getElementById('r-date').value.trim();
  const problem = document.querySelector('#registry-form [data-problem="date"]');
  const r = await Ballast.api('GET', '/api/programs/registry/counts' + (date ? '?date=' + encodeURIComponent(date) : ''));
  problem.textContent = r.ok ? '' : Criteria.problem(r);
  problem.className = 'problem' + (r.ok ? '' : ' error');
  problem.closest('.field').classList.toggle('has-error', !r.ok);
  if (r.ok) { counts = r.json; renderRegistry(); }
}

async function loadApplications() {
  const r = await Ballast.api('GET', '/api/programs/applications');
  applications = r.ok ? r.json.sort((a, b) => a.id - b.id) : [];
  await Names.loadEnterprises(applications.filter(mine).map(a => a.creditCode));
  renderQueue();
}

(async () => {
  me = await Ballast.session(['provincial_analyst', 'national_analyst']);
  if (!me) return;
  const renderWho = () => {
    document.getElementById('reviewer').textContent = isMinistry()
      ? Ballast.t({ en: 'the ministry', zh: '工业和信息化部' }) + ` (${me.userName})`
      : Names.province(me.scope) + ` (${me.userName})`;
  };
  const catalogue = await Ballast.api('GET', '/api/programs');
  programs = catalogue.ok ? catalogue.json : [];
  renderWho();
  document.getElementById('registry-form').addEventListener('submit', loadRegistry);
  document.getElementById('r-by').addEventListener('change', renderRegistry);
  Ballast.onLang(() => { renderWho(); renderQueue(); renderRegistry(); });
  window.addEventListener('resize', () => { if (typeof echarts !== 'undefined') echarts.getInstanceByDom(document.getElementById('registry-chart'))?.resize(); });
  await Promise.all([loadApplications(), loadRegistry()]);
})();
