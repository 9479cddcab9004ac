// The ticket list's export buttons: once the list has shown, ask how many tickets the filter matches, say it, and
// put the count on the buttons — or, above the export limit, disable them with the message to narrow the filter.
(function () {
    const box = document.getElementById('ticket-export');
    if (!box) {
        return;
    }

    const count = box.querySelector('[data-testid=match-count]');
    fetch(box.dataset.countUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(r => r.ok ? r.json() : Promise.reject(r.status))
        .then(data => {
            count.textContent = data.text;
            count.dataset.count = data.count ?? '';
            count.classList.toggle('text-muted', !data.tooMany);
            count.classList.toggle('text-danger', !!data.tooMany);
            box.dataset.ready = 'true';
            box.querySelectorAll('a[data-label]').forEach(a => {
                if (data.tooMany || data.count === null) {
                    a.classList.add('disabled');
                    a.setAttribute('aria-disabled', 'true');
                    a.removeAttribute('href');
                } else {
                    a.textContent = data[a.dataset.label];
                }
            });
        })
        .catch(() => { count.textContent = ''; box.dataset.ready = 'error'; });
})();
