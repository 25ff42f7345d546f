'use strict';
// The enterprise's programs page: the tiers it holds with their validity, its applications with their states and
// step history, and an application for a tier (for one of its factories where the program is per factory) with
// the pre-check shown criterion by criterion before it is submitted. Every call goes to /api/programs, which
// keeps the enterprise to its own applications.

let me = null;
let programs = [];      // the catalogue: [{ code, nameEn, nameZh, subject, tiers: [{ tier, name, reviewers, validityYears }] }]
let factories = [];     // [{ factoryId, name }]
let holdings = [];
let applications = [];
let check = null;       // the last pre-check, for the tier and factory it was run on
let checkedFor = null;  // "TIER|factory"
let formProblem = null; // { field, text: { en, zh } }
const openTrails = new Set();

const el = (...a) => Ballast.el(...a);

function programOf(tier) { return programs.find(p => p.tiers.some(t => t.tier === tier)); }

function selection() {
  const tier = document.getElementById('a-tier').value;
  const perFactory = programOf(tier)?.subject === 'Factory';
  return { tier, factoryId: perFactory ? document.getElementById('a-factory').value : null, perFactory };
}

function renderForm() {
  const tierSelect = document.getElementById('a-tier');
  const chosen = tierSelect.value;
  tierSelect.replaceChildren(el('option', { value: '' }, Ballast.t({ en: '— choose a tier —', zh: '— 请选择 —' })),
    ...programs.map(p => el('optgroup', { label: Ballast.lang === 'zh' ? p.nameZh : p.nameEn },
      p.tiers.map(t => el('option', { value: t.tier }, Names.tier(t.tier))))));
  tierSelect.value = chosen;
  const factorySelect = document.getElementById('a-factory');
  const chosenFactory = factorySelect.value;
  factorySelect.replaceChildren(el('option', { value: '' }, Ballast.t({ en: '— choose a factory —', zh: '— 请选择工厂 —' })),
    ...factories.map(f => el('option', { value: f.factoryId }, `${f.name} (${f.factoryId})`)));
  factorySelect.value = chosenFactory;
  document.getElementById('factory-field').hidden = !selection().perFactory;
  renderProblem();
}

function renderProblem() {
  document.querySelectorAll('#apply-form [data-problem]').forEach(e => { e.textContent = ''; e.className = 'problem'; });
  document.querySelectorAll('#apply-form .field.has-error').forEach(e => e.classList.remove('has-error'));
  if (!formProblem) return;
  const known = document.querySelector(`#apply-form [data-problem="${formProblem.field}"]`);
  const target = known || document.querySelector('#apply-form [data-problem=""]');
  target.textContent = Ballast.t(formProblem.text);
  target.className = 'problem error';
  if (known) known.closest('.field').classList.add('has-error');
}

function renderCheck() {
  const host = document.getElementById('precheck');
  host.hidden = !check;
  if (check) host.replaceChildren(el('h3', {}, Ballast.t({ en: 'Pre-check', zh: '预检结果' })), Criteria.render(check));
  const s = selection();
  document.getElementById('apply-button').disabled = !check || checkedFor !== s.tier + '|' + (s.factoryId ?? '');
}

function validUntil(h) {
  const a = applications.find(x => x.state === 'Certified' && x.tier === h.tier && (x.factoryId ?? null) === (h.factoryId ?? null));
  return a ? a.validUntil : null;
}

function renderHoldings() {
  document.getElementById('holdings-empty').hidden = holdings.length > 0;
  document.querySelector('#holdings tbody').replaceChildren(...holdings.map(h => el('tr', { 'data-tier': h.tier },
    el('td', {}, Names.tier(h.tier)),
    el('td', { class: 'text' }, h.factoryId ?? '—'),
    el('td', {}, h.from ?? '—'),
    el('td', {}, validUntil(h) ?? '—'),
    el('td', { class: 'text' }, h.source))));
}

function stateBadge(state) {
  const cls = state === 'Certified' ? 'ok' : state === 'Returned' || state === 'NotPassed' ? 'returned' : state === 'Submitted' || state === 'ProvinceApproved' ? 'waiting' : '';
  return el('span', { class: 'badge ' + cls, 'data-state': state }, Names.state(state));
}

function renderApplications() {
  document.getElementById('applications-empty').hidden = applications.length > 0;
  const rows = [];
  for (const a of applications) {
    const undecided = a.state === 'Submitted' || a.state === 'ProvinceApproved' || a.state === 'Returned';
    rows.push(el('tr', { 'data-application': a.id },
      el('td', {}, a.id), el('td', { class: 'text' }, Names.tier(a.tier)), el('td', { class: 'text' }, a.factoryId ?? '—'),
      el('td', { class: 'text' }, Names.kind(a.kind)), el('td', { class: 'text' }, stateBadge(a.state)),
      el('td', {}, Ballast.time(a.submittedAt)), el('td', {}, a.validUntil ?? '—'),
      el('td', { class: 'actions-cell' },
        el('button', { type: 'button', class: 'link', 'data-action': 'trail', onclick: () => toggleTrail(a.id) },
          Ballast.t(openTrails.has(a.id) ? { en: 'Hide history', zh: '收起记录' } : { en: 'History', zh: '办理记录' })),
        a.state === 'Returned' ? el('button', { type: 'button', class: 'link', 'data-action': 'resubmit', onclick: () => step(a.id, 'resubmit') },
          Ballast.t({ en: 'Resubmit', zh: '重新提交' })) : null,
        undecided ? el('button', { type: 'button', class: 'link', 'data-action': 'withdraw', onclick: () => step(a.id, 'withdraw') },
          Ballast.t({ en: 'Withdraw', zh: '撤回' })) : null)));
    if (openTrails.has(a.id)) rows.push(el('tr', { class: 'detail', 'data-trail': a.id }, el('td', { colspan: 8 }, trails.get(a.id) ?? '…')));
  }
  document.querySelector('#applications tbody').replaceChildren(...rows);
}

const trails = new Map(); // id → rendered trail
async function toggleTrail(id) {
  if (openTrails.has(id)) { openTrails.delete(id); renderApplications(); return; }
  openTrails.add(id);
  const r = await Ballast.api('GET', `/api/programs/applications/${id}/trail`);
  trails.set(id, r.ok ? Criteria.trail(r.json) : el('span', { class: 'status error' }, Criteria.problem(r)));
  renderApplications();
}

async function step(id, action) {
  const status = document.getElementById('row-status');
  if (action === 'withdraw' && !confirm(Ballast.t({ en: `Withdraw application ${id}?`, zh: `确定撤回第 ${id} 号申请？` }))) return;
  const r = await Ballast.api('POST', `/api/programs/applications/${id}/${action}`, {});
  status.className = 'status ' + (r.ok ? 'ok' : 'error');
  status.textContent = r.ok ? Ballast.t({ en: `Application ${id}: ${Names.state(r.json.state)}.`, zh: `第 ${id} 号申请：${Names.state(r.json.state)}。` }) : Criteria.problem(r);
  trails.delete(id);
  await load();
}

function formCheck() {
  const s = selection();
  if (!s.tier) return { field: 'tier', text: { en: 'Choose the tier to apply for.', zh: '请选择申请的梯度。' } };
  if (s.perFactory && !s.factoryId) {
    return factories.length === 0
      ? { field: 'factoryId', text: { en: 'This program certifies factories, and none of yours is recorded: record a factory first.', zh: '本项目按工厂认定，贵单位尚无工厂记录：请先录入工厂。' } }
      : { field: 'factoryId', text: { en: 'This program certifies factories: choose the factory.', zh: '本项目按工厂认定：请选择工厂。' } };
  }
  return null;
}

function serverProblem(r) {
  const errors = r.json && r.json.errors && !Array.isArray(r.json.errors) ? r.json.errors : null;
  if (errors) {
    const [field, texts] = Object.entries(errors)[0];
    return { field, text: { en: texts.join(' '), zh: texts.join(' ') } };
  }
  const text = Criteria.problem(r);
  return { field: '', text: { en: text, zh: text } };
}

async function precheck() {
  formProblem = formCheck();
  check = null;
  const status = document.getElementById('apply-status');
  status.textContent = '';
  if (formProblem) { renderProblem(); renderCheck(); return; }
  const s = selection();
  const r = await Ballast.api('POST', '/api/programs/precheck', { tier: s.tier, creditCode: me.scope, factoryId: s.factoryId });
  if (r.ok) { check = r.json; checkedFor = s.tier + '|' + (s.factoryId ?? ''); } else formProblem = serverProblem(r);
  renderProblem();
  renderCheck();
}

async function apply(event) {
  event.preventDefault();
  const s = selection();
  const status = document.getElementById('apply-status');
  const r = await Ballast.api('POST', '/api/programs/applications', { tier: s.tier, creditCode: me.scope, factoryId: s.factoryId });
  if (r.ok) {
    check = r.json.check;
    formProblem = null;
    const a = r.json.application;
    status.className = 'status ok';
    status.textContent = Ballast.t({ en: `Application ${a.id} submitted: ${Names.state(a.state)}.`, zh: `第 ${a.id} 号申请已提交：${Names.state(a.state)}。` });
    await load();
  } else {
    formProblem = serverProblem(r);
    status.textContent = '';
  }
  renderProblem();
  renderCheck();
}

async function load() {
  const [apps, held] = await Promise.all([Ballast.api('GET', '/api/programs/applications'), Ballast.api('GET', '/api/programs/registry/holdings')]);
  applications = apps.ok ? apps.json.sort((a, b) => b.id - a.id) : [];
  holdings = held.ok ? held.json : [];
  renderHoldings();
  renderApplications();
}

(async () => {
  me = await Ballast.session(['enterprise']);
  if (!me) return;
  const [catalogue, register, profile] = await Promise.all([
    Ballast.api('GET', '/api/programs'), Ballast.api('GET', `/api/register/${me.scope}`), Ballast.api('GET', `/api/programs/profiles/${me.scope}`)]);
  programs = catalogue.ok ? catalogue.json : [];
  document.getElementById('firm-name').textContent = register.ok ? `${register.json.name} (${me.scope})` : me.scope;
  if (profile.ok) {
    const latest = new Map();
    for (const f of profile.json.factories.sort((a, b) => a.year - b.year)) latest.set(f.factoryId, { factoryId: f.factoryId, name: f.name });
    factories = [...latest.values()];
  }
  renderForm();
  document.getElementById('a-tier').addEventListener('change', () => { formProblem = null; renderForm(); renderCheck(); });
  document.getElementById('a-factory').addEventListener('change', () => { formProblem = null; renderProblem(); renderCheck(); });
  document.getElementById('precheck-button').addEventListener('click', precheck);
  document.getElementById('apply-form').addEventListener('submit', apply);
  Ballast.onLang(() => { renderForm(); renderCheck(); renderHoldings(); renderApplications(); });
  await load();
})();
