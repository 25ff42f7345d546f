'use strict';
// Response monitoring: rates by province and division, the non-filers, and in-app reminders to them.
let view = null;
let me = null;

function pct(rate) { return rate === null || rate === undefined ? '—' : Ballast.number(rate * 100) + ' %'; }

function rateTable(id, rows, codeTitle) {
  const table = document.getElementById(id);
  table.tHead.replaceChildren(Ballast.el('tr', {},
    Ballast.el('th', { class: 'text' }, Ballast.t(codeTitle)),
    Ballast.el('th', {}, Ballast.t({ en: 'Expected', zh: '应报' })),
    Ballast.el('th', {}, Ballast.t({ en: 'Filed', zh: '已报' })),
    Ballast.el('th', { class: 'text' }, Ballast.t({ en: 'Response rate', zh: '报送率' }))));
  table.tBodies[0].replaceChildren(...rows.map(r => Ballast.el('tr', {},
    Ballast.el('td', {}, r.code + ' ' + (Ballast.lang === 'zh' ? r.nameZh : r.nameEn)),
    Ballast.el('td', {}, r.expected), Ballast.el('td', {}, r.filed),
    Ballast.el('td', { class: 'text' }, pct(r.rate), Ballast.el('span', { class: 'rate-bar', style: `width:${Math.round((r.rate ?? 0) * 120)}px` })))));
}

function render() {
  if (!view) return;
  const late = view.pastDeadline;
  document.getElementById('summary').replaceChildren(
    Ballast.el('span', { class: 'badge ' + (late ? 'late' : 'open') }, late ? Ballast.t({ en: 'past the deadline', zh: '已过截止时间' }) : Ballast.t({ en: 'before the deadline', zh: '未到截止时间' })),
    ' ', Ballast.t({
      en: `${view.period}${view.province ? ', province ' + view.province : ''}: ${view.total.filed} of ${view.total.expected} expected reports filed (${pct(view.total.rate)}); deadline ${Ballast.time(view.deadline)} (Beijing time).`,
      zh: `${view.period}${view.province ? '，省份 ' + view.province : ''}：应报 ${view.total.expected} 户，已报 ${view.total.filed} 户（${pct(view.total.rate)}）；截止时间 ${Ballast.time(view.deadline)}（北京时间）。`,
    }));
  rateTable('by-province', view.byProvince, { en: 'Province', zh: '省份' });
  rateTable('by-division', view.byDivision, { en: 'Division', zh: '行业大类' });
  document.querySelector('#non-filers tbody').replaceChildren(...view.nonFilers.map(n => Ballast.el('tr', {},
    Ballast.el('td', { class: 'text' }, Ballast.el('input', { type: 'checkbox', 'data-code': n.creditCode })),
    Ballast.el('td', { class: 'text' }, n.creditCode), Ballast.el('td', { class: 'text' }, n.name),
    Ballast.el('td', { class: 'text' }, n.province), Ballast.el('td', { class: 'text' }, n.division),
    Ballast.el('td', {}, n.latestFiled ?? '—'), Ballast.el('td', {}, n.remindersSent))));
  document.getElementById('non-filer-count').textContent = Ballast.t({
    en: `${view.nonFilerCount} non-filers` + (view.nonFilerCount > view.nonFilers.length ? `, the first ${view.nonFilers.length} shown` : '') + (late ? ' (not filed by the deadline).' : ' (not filed yet).'),
    zh: `未报 ${view.nonFilerCount} 户` + (view.nonFilerCount > view.nonFilers.length ? `，显示前 ${view.nonFilers.length} 户` : '') + (late ? '（截止时间前未报送）。' : '（尚未报送）。'),
  });
  document.getElementById('remind-selected').disabled = !late;
  document.getElementById('remind-all').disabled = !late;
}

async function query(event) {
  if (event) event.preventDefault();
  const params = new URLSearchParams();
  const period = document.getElementById('q-period').value.trim();
  const province = document.getElementById('q-province').value.trim();
  if (period) params.set('period', period);
  if (province) params.set('province', province);
  const r = await Ballast.api('GET', '/api/responses?' + params);
  const status = document.getElementById('query-status');
  if (!r.ok) { status.className = 'status error'; status.textContent = (r.json && (r.json.detail || r.json.title)) || 'HTTP ' + r.status; return; }
  status.textContent = '';
  view = r.json;
  document.getElementById('q-period').value = view.period;
  render();
}

async function remind(codes) {
  const status = document.getElementById('remind-status');
  const r = await Ballast.api('POST', `/api/responses/${view.period}/reminders`, codes ? { creditCodes: codes } : {});
  if (r.ok) {
    status.className = 'status ok';
    status.textContent = Ballast.t({ en: `${r.json.count} reminders sent.`, zh: `已发送 ${r.json.count} 条提醒。` });
    await query();
  } else {
    status.className = 'status error';
    status.textContent = (r.json && (r.json.detail || r.json.title)) || 'HTTP ' + r.status;
  }
}

(async () => {
  me = await Ballast.session(['provincial_analyst', 'national_analyst', 'statistician']);
  if (!me) return;
  if (me.role === 'provincial_analyst') {
    document.getElementById('q-province').value = me.scope;
    document.getElementById('q-province').readOnly = true;
  }
  document.getElementById('query').addEventListener('submit', query);
  document.getElementById('remind-all').addEventListener('click', () => remind(null));
  document.getElementById('remind-selected').addEventListener('click', () => {
    const codes = [...document.querySelectorAll('#non-filers tbody input:checked')].map(i => i.dataset.code);
    if (codes.length > 0) remind(codes);
  });
  document.getElementById('select-all').addEventListener('change', e => {
    document.querySelectorAll('#non-filers tbody input').forEach(i => { i.checked = e.target.checked; });
  });
  Ballast.onLang(render);
  await query();
})();
