'use strict';
// Shared by the arrears pages: the cases table (state, amounts, deadlines, overdue ones highlighted), a case's
// history, and the server's field problems ("field: message") in the interface language.
const Cases = (() => {
  const el = (...a) => Ballast.el(...a);

  const money = x => Ballast.number(Number(x), 2);
  const day = iso => iso.substring(0, 10);

  // The server writes its problems in English, each starting with its field; the usual ones are given in Chinese too.
  const ZH = [
    [/^debtor_name: empty/, () => '债务人名称不能为空。'],
    [/^amount: .* must be more than 0/, () => '金额必须大于 0（万元）。'],
    [/^amount: .* is more than (.*) \(10,000 yuan\)/, m => `金额超过 ${m[1]} 万元，请检查单位。`],
    [/^amount: missing/, () => '请填写拖欠金额（万元）。'],
    [/^contract_date: .* is in the future/, () => '合同日期晚于今天（北京时间）。'],
    [/^contract_date: .* is not a date/, () => '合同日期应写作 YYYY-MM-DD。'],
    [/^due_date: .* is before the contract date/, () => '约定付款日早于合同日期。'],
    [/^due_date: the payment is not overdue yet .*register it from (\d{4}-\d{2}-\d{2})/, m => `该款项尚未逾期，${m[1]} 起方可登记。`],
    [/^due_date: .* is not a date/, () => '约定付款日应写作 YYYY-MM-DD，或留空。'],
    [/^province: /, () => '请选择债务人所在省份。'],
    [/^debtor_type: /, () => '请选择债务人类型。'],
    [/^credit_code: .* is a large enterprise/, () => '按名录，本单位为大型企业，不能登记中小企业拖欠账款案件。'],
  ];

  /** [{ field, en, zh }] from a problem response's errors (an array of "field: message"). */
  function problems(r) {
    const list = r.json && Array.isArray(r.json.errors) ? r.json.errors : [(r.json && (r.json.detail || r.json.title)) || ('HTTP ' + r.status)];
    return list.map(text => {
      const m = /^([a-z_]+): /.exec(text);
      const hit = ZH.map(([re, f]) => { const x = re.exec(text); return x ? f(x) : null; }).find(x => x);
      return { field: m ? m[1] : '', en: m ? text.substring(m[0].length) : text, zh: hit ?? text };
    });
  }

  function head(columns) {
    return el('tr', {}, columns.map(([en, zh, cls]) => el('th', { class: cls ?? '' }, Ballast.t({ en, zh }))));
  }

  /** One case's row: the columns every page shows (plus the creditor for reviewers). */
  function cells(c, withCreditor) {
    return [
      el('td', {}, c.id),
      withCreditor ? el('td', { class: 'text' }, Names.enterprise(c.creditCode)) : null,
      el('td', { class: 'text' }, c.debtorName),
      el('td', { class: 'text' }, Names.debtor(c.debtorType)),
      el('td', { class: 'text' }, Names.province(c.province)),
      el('td', {}, money(c.amount)),
      el('td', {}, c.contractDate), el('td', {}, c.dueDate),
      el('td', {}, day(c.registeredAt)),
      el('td', { class: 'deadline' }, day(c.handlingDeadline), c.overdue ? el('span', { class: 'badge late' }, Ballast.t({ en: 'overdue', zh: '已超期' })) : null),
      el('td', { class: 'text' }, el('span', { 'data-status': c.status }, Names.status(c.status)), c.escalationLevel > 0
        ? el('span', { class: 'badge late' }, Ballast.t({ en: `escalated ×${c.escalationLevel}`, zh: `已督办 ${c.escalationLevel} 级` })) : null),
      el('td', {}, c.paidAmount > 0 ? money(c.paidAmount) : '—'),
    ];
  }

  function columns(withCreditor) {
    return [['No.', '编号'], withCreditor ? ['Creditor (SME)', '债权企业', 'text'] : null, ['Debtor', '债务人', 'text'], ['Debtor type', '债务人类型', 'text'],
      ['Province', '省份', 'text'], ['Amount', '金额'], ['Contract', '合同日期'], ['Due', '约定付款日'], ['Registered', '登记日期'],
      ['Handling deadline', '办理期限'], ['State', '状态', 'text'], ['Paid', '已清偿'], ['', '', 'text']].filter(x => x);
  }

  function history(steps) {
    return el('table', {},
      el('thead', {}, head([['When', '时间', 'text'], ['Who', '操作人', 'text'], ['Step', '环节', 'text'], ['State', '状态', 'text'], ['Detail', '说明', 'text']])),
      el('tbody', {}, steps.map(s => el('tr', {},
        el('td', { class: 'text' }, Ballast.time(s.at)), el('td', { class: 'text' }, `${s.user} (${s.role})`), el('td', { class: 'text' }, s.action),
        el('td', { class: 'text' }, (s.from ? Names.status(s.from) + ' → ' : '') + Names.status(s.to)),
        el('td', { class: 'text', style: 'white-space: normal' }, s.detail)))));
  }

  return { problems, head, cells, columns, history, money };
})();
