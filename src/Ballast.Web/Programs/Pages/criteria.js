'use strict';
// Shared by the programs pages: a pre-check shown criterion by criterion (met or not, the value read, the
// threshold, the source of the value), and an application's step history. The criteria's labels are the
// program files' own text; the marks and the verdict follow the interface language.
const Criteria = (() => {
  const el = (...a) => Ballast.el(...a);

  function item(o) {
    const mark = el('span', { class: 'mark ' + (o.met ? 'met' : 'not-met') }, o.met ? Ballast.t({ en: '✓ met', zh: '✓ 符合' }) : Ballast.t({ en: '✗ not met', zh: '✗ 不符合' }));
    const line = el('div', { class: 'criterion', 'data-criterion': o.id, 'data-met': String(o.met) }, mark, ' ', el('span', { class: 'label' }, o.label));
    if (o.value !== null || o.parts.length === 0)
      line.append(': ', el('span', { class: 'value' }, o.value ?? Ballast.t({ en: 'no value', zh: '无数据' })));
    line.append(' ', el('span', { class: 'threshold' }, '(' + Ballast.t({ en: 'threshold ', zh: '标准：' }) + o.threshold + ')'));
    if (o.source) line.append(' — ', el('span', { class: 'source' }, Ballast.t({ en: 'source: ', zh: '来源：' }) + o.source));
    const li = el('li', {}, line);
    if (o.parts.length > 0) li.append(el('ul', { class: 'criteria' }, o.parts.map(item)));
    return li;
  }

  /** The whole check: the verdict, then the criteria tree. */
  function render(check) {
    return el('div', { class: 'check', 'data-passed': String(check.passed) },
      el('p', { class: 'verdict ' + (check.passed ? 'met' : 'not-met') }, Ballast.t(check.passed
        ? { en: `${check.subject} meets every criterion of ${Names.tier(check.tier)}.`, zh: `${check.subject} 符合${Names.tier(check.tier)}的全部条件。` }
        : { en: `${check.subject} does not meet the criteria of ${Names.tier(check.tier)}: see the criteria marked ✗.`, zh: `${check.subject} 不符合${Names.tier(check.tier)}的条件：见标 ✗ 的条件。` })),
      el('ul', { class: 'criteria top' }, item(check.criteria)));
  }

  /** An application's steps: who did what, when, from which state to which, and why. */
  function trail(steps) {
    return el('table', { class: 'trail' },
      el('thead', {}, el('tr', {},
        el('th', { class: 'text' }, Ballast.t({ en: 'When', zh: '时间' })),
        el('th', { class: 'text' }, Ballast.t({ en: 'Who', zh: '操作人' })),
        el('th', { class: 'text' }, Ballast.t({ en: 'Step', zh: '环节' })),
        el('th', { class: 'text' }, Ballast.t({ en: 'State', zh: '状态' })),
        el('th', { class: 'text' }, Ballast.t({ en: 'Note', zh: '说明' })))),
      el('tbody', {}, steps.map(s => el('tr', {},
        el('td', { class: 'text' }, Ballast.time(s.at)),
        el('td', { class: 'text' }, `${s.user} (${s.role})`),
        el('td', { class: 'text' }, s.action),
        el('td', { class: 'text' }, (s.from ? Names.state(s.from) + ' → ' : '') + Names.state(s.to)),
        el('td', { class: 'text', style: 'white-space: normal' }, s.note)))));
  }

  /** The message of a failed call: the problem's detail, its field errors, or the status. */
  function problem(r) {
    if (!r.json) return 'HTTP ' + r.status;
    if (r.json.errors && !Array.isArray(r.json.errors)) return Object.values(r.json.errors).flat().join(' ');
    return r.json.detail || r.json.title || ('HTTP ' + r.status);
  }

  return { render, trail, problem };
})();
