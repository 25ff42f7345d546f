// Draws the bulletin's two charts from the data the page carries; no animation, so a PDF printer sees them drawn.
(function () {
  const data = window.bulletinData;
  if (!data || !window.echarts) return;
  const common = { animation: false, textStyle: { fontFamily: 'Noto Sans CJK SC, sans-serif' } };
  const trend = echarts.init(document.getElementById('chart-trend'), null, { renderer: 'svg' });
  trend.setOption(Object.assign({}, common, {
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: data.months },
    yAxis: { type: 'value', axisLabel: { formatter: '{value}' } },
    series: data.series.map(s => ({ name: s.name, type: 'line', data: s.values, connectNulls: false, symbolSize: 4 })),
  }));
  // The ten largest pulls and the five smallest, so the chart fits the page.
  const all = data.pulls;
  const shown = all.length > 15 ? all.slice(0, 10).concat(all.slice(all.length - 5)) : all;
  const pulls = echarts.init(document.getElementById('chart-pulls'), null, { renderer: 'svg' });
  pulls.setOption(Object.assign({}, common, {
    grid: { left: 8, right: 24, top: 8, bottom: 20, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: shown.map(p => p.name), axisLabel: { fontSize: 9 } },
    series: [{ type: 'bar', data: shown.map(p => p.value), itemStyle: { color: '#12355b' } }],
  }));
})();
