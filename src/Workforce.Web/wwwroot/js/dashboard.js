// The dashboard's charts, drawn with Apache ECharts (local asset) from the JSON the page carries (#dashboard-data).
// Clicking a bar or a slice opens the filtered list behind it; every chart also has its table under it.
(function () {
    var data = document.getElementById('dashboard-data');
    if (!data || !window.echarts) {
        return;
    }
    var charts = JSON.parse(data.textContent);
    var palette = ['#b3261e', '#1f6feb', '#2da44e', '#bf8700', '#8250df', '#0a7b83', '#cf222e', '#57606a', '#e16f24', '#6e7781'];
    var drawn = [];
    charts.forEach(function (c) {
        var el = document.getElementById(c.id);
        if (!el) {
            return;
        }
        var chart = window.echarts.init(el, null, { renderer: 'svg' });
        var option;
        if (c.kind === 'pie') {
            option = {
                color: palette,
                tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
                legend: { bottom: 0, type: 'scroll' },
                series: [{
                    type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'],
                    data: c.categories.map(function (name, i) { return { name: name, value: c.series[0].values[i] }; }),
                    label: { formatter: '{b}\n{d}%' }
                }]
            };
        } else {
            var horizontal = c.kind === 'hbar';
            var categoryAxis = { type: 'category', data: c.categories, axisLabel: { interval: 0, hideOverlap: true, overflow: 'truncate', width: horizontal ? 110 : 80 } };
            var valueAxis = { type: 'value' };
            option = {
                color: palette,
                tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
                legend: c.series.length > 1 ? { bottom: 0, type: 'scroll' } : undefined,
                grid: { left: 8, right: 16, top: 16, bottom: c.series.length > 1 ? 36 : 8, containLabel: true },
                xAxis: horizontal ? valueAxis : categoryAxis,
                yAxis: horizontal ? categoryAxis : valueAxis,
                series: c.series.map(function (s, i) {
                    var series = { type: 'bar', name: s.name, data: s.values, stack: s.stack || undefined, barMaxWidth: 36 };
                    if (i === 0 && c.target !== null && c.target !== undefined) {
                        series.markLine = { symbol: 'none', data: [horizontal ? { xAxis: c.target } : { yAxis: c.target }], label: { formatter: c.targetLabel }, lineStyle: { color: '#cf222e', type: 'dashed' } };
                    }
                    return series;
                })
            };
        }
        chart.setOption(option);
        chart.on('click', function (p) {
            var link = c.links[p.dataIndex];
            if (link) {
                window.location.href = link;
            }
        });
        el.setAttribute('data-rendered', 'true');
        drawn.push(chart);
    });
    window.addEventListener('resize', function () { drawn.forEach(function (c) { c.resize(); }); });
})();
