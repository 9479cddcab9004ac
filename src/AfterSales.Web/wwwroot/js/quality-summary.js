// The quality summary's trend: complaints per day over the last 30 days, stacked by class.
(function () {
    const canvas = document.getElementById('trend-chart');
    const source = document.getElementById('trend-data');
    if (!canvas || !source || typeof Chart === 'undefined') { return; }
    const trend = JSON.parse(source.textContent);
    const colours = { NewProblem: '#0d6efd', RecurringProblem: '#fd7e14', BatchProblem: '#dc3545', Suggestion: '#20c997', Unclassified: '#adb5bd' };
    window.qualityTrend = new Chart(canvas, {
        type: 'bar',
        data: {
            labels: trend.labels,
            datasets: trend.datasets.map(d => ({ label: d.label, data: d.data, backgroundColor: colours[d.key] || '#6c757d', stack: 'complaints' }))
        },
        options: { animation: false, responsive: true, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }
    });
})();
// The print view (?print=true) opens the browser's print dialog once the chart is drawn.
if (document.querySelector("[data-auto-print]")) {
    window.addEventListener('load', () => setTimeout(() => window.print(), 300));
}
