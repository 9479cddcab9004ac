// The month tally: sortable columns, evidence fetched when a line opens, and the charts.
(function () {
    // Sorting: click a header; a line keeps its evidence row right after it.
    var table = document.getElementById('tally-table');
    var body = table.tBodies[0];
    table.querySelectorAll('th[data-sort]').forEach(function (th, index) {
        th.addEventListener('click', function () {
            var numeric = th.dataset.sort === 'number';
            var asc = th.dataset.dir !== 'asc';
            th.dataset.dir = asc ? 'asc' : 'desc';
            var lines = Array.prototype.slice.call(body.querySelectorAll('tr[data-testid=tally-line]'));
            lines.sort(function (a, b) {
                var x = a.cells[index].dataset.value || '', y = b.cells[index].dataset.value || '';
                var c = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, 'zh-CN');
                return asc ? c : -c;
            });
            lines.forEach(function (line) { var evidence = line.nextElementSibling; body.appendChild(line); body.appendChild(evidence); });
        });
    });
    // A line's work orders are fetched the first time its evidence opens (a month can hold hundreds per person).
    body.querySelectorAll('[data-testid=show-evidence]').forEach(function (b) {
        b.addEventListener('click', function () {
            var row = document.getElementById(b.dataset.target);
            row.classList.toggle('d-none');
            var work = row.querySelector('[data-testid=evidence-work]');
            if (!work || work.dataset.loaded) { return; }
            work.dataset.loaded = '1';
            fetch(work.dataset.src, { credentials: 'same-origin' })
                .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.text(); })
                .then(function (html) { work.innerHTML = html; })
                .catch(function () { delete work.dataset.loaded; work.textContent = work.dataset.error || '!'; });
        });
    });

    var data = JSON.parse(document.getElementById('chart-data').textContent);
    if (typeof Chart === 'undefined' || document.getElementById('tally-page').classList.contains('tally-print')) { return; }
    var select = document.getElementById('trend-person');
    data.people.forEach(function (p) { var o = document.createElement('option'); o.value = p.id; o.textContent = p.name; select.appendChild(o); });
    // The viewer's own line if they are on the month, else the top line (chosen by the server).
    if (data.selected) { select.value = data.selected; }
    var trend = new Chart(document.getElementById('chart-trend'), {
        type: 'line',
        data: { labels: [], datasets: [{ label: '', data: [], tension: 0.2 }] },
        options: { plugins: { legend: { display: false } } }
    });
    function showTrend(id) {
        if (!id) { return; }
        var url = '/Tallies/' + document.getElementById('tally-page').dataset.month + '?handler=Trend&employee=' + encodeURIComponent(id);
        fetch(url, { credentials: 'same-origin' })
            .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
            .then(function (t) {
                if (select.value !== id) { return; }
                trend.data.labels = t.months;
                trend.data.datasets[0].data = t.scores;
                trend.update();
                document.getElementById('chart-trend').dataset.employee = id;
            })
            .catch(function () { });
    }
    select.addEventListener('change', function () { showTrend(select.value); });
    showTrend(select.value);
    new Chart(document.getElementById('chart-departments'), {
        type: 'bar',
        data: {
            labels: data.departments.map(function (d) { return d.name; }),
            datasets: [
                { label: table.querySelectorAll('th')[6].textContent, data: data.departments.map(function (d) { return d.points; }) },
                { label: table.querySelectorAll('th')[9].textContent, data: data.departments.map(function (d) { return d.netCash; }) }
            ]
        }
    });
    new Chart(document.getElementById('chart-reasons'), {
        type: 'bar',
        data: { labels: data.reasons.map(function (r) { return r.article; }), datasets: [{ label: '', data: data.reasons.map(function (r) { return r.count; }) }] },
        options: { indexAxis: 'y', plugins: { legend: { display: false }, tooltip: { callbacks: { afterLabel: function (c) { return data.reasons[c.dataIndex].text; } } } } }
    });
})();
