// The dispatcher's board keeps itself current. The server pushes "the board changed" (server-sent events from
// /Dispatch/Events, fed by PostgreSQL LISTEN/NOTIFY on every instance); the page then fetches its own address again
// (same section, filters and page) and swaps the section and the tab counts, leaving the filter form as typed,
// the scroll position and the focus where they were. A badge says when it last changed and how many calls came in.
(function () {
    'use strict';
    var status = document.getElementById('board-live');
    if (!status || !window.EventSource || !window.fetch || !window.DOMParser) {
        return;
    }

    var source = null;
    var busy = false;
    var again = false;
    var lost = false;
    var newCalls = 0;
    var emergency = false;

    function text(key, arg) {
        return (status.getAttribute('data-text-' + key) || '').replace('{0}', arg);
    }

    function two(n) {
        return (n < 10 ? '0' : '') + n;
    }

    function now() {
        var d = new Date();
        return two(d.getHours()) + ':' + two(d.getMinutes()) + ':' + two(d.getSeconds());
    }

    function show(state, message, tone) {
        status.setAttribute('data-state', state);
        status.className = 'badge rounded-pill fw-normal ' + (tone || 'text-bg-light border');
        status.textContent = message;
    }

    // Something that finds the focused element again in the new section: its id, its link, or its row and role.
    function focusFinder(section) {
        var el = document.activeElement;
        if (!el || el === document.body || !section.contains(el)) {
            return null;
        }
        if (el.id) {
            return '#' + CSS.escape(el.id);
        }
        var href = el.getAttribute('href');
        if (href) {
            return 'a[href="' + CSS.escape(href) + '"]';
        }
        var row = el.closest('tr[data-number], tr[data-id], tr[data-user]');
        var testid = el.getAttribute('data-testid');
        if (row && testid) {
            var key = row.hasAttribute('data-number') ? 'data-number' : row.hasAttribute('data-id') ? 'data-id' : 'data-user';
            return 'tr[' + key + '="' + CSS.escape(row.getAttribute(key)) + '"] [data-testid="' + CSS.escape(testid) + '"]';
        }
        return null;
    }

    function numbers(root) {
        var seen = {};
        root.querySelectorAll('tr[data-number]').forEach(function (tr) { seen[tr.getAttribute('data-number')] = true; });
        return seen;
    }

    function swap(html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var fresh = doc.getElementById('board-section');
        var section = document.getElementById('board-section');
        if (!fresh || !section) {
            return false;
        }

        var finder = focusFinder(section);
        var before = numbers(section);
        // Ticked rows (bulk dispatch) stay ticked when the section is replaced.
        var ticked = {};
        section.querySelectorAll('input[type=checkbox][name=ids]:checked').forEach(function (box) { ticked[box.value] = true; });
        section.innerHTML = fresh.innerHTML;
        section.querySelectorAll('input[type=checkbox][name=ids]').forEach(function (box) { box.checked = !!ticked[box.value]; });
        section.querySelectorAll('tr[data-number]').forEach(function (tr) {
            if (!before[tr.getAttribute('data-number')]) {
                tr.classList.add('table-info');
                tr.setAttribute('data-fresh', 'true');
            }
        });
        if (finder) {
            var target = section.querySelector(finder);
            if (target) {
                target.focus({ preventScroll: true });
            }
        }

        // The counts on the tabs (waiting, technicians, open, overdue).
        document.querySelectorAll('[data-testid=board-tabs] .badge[data-testid]').forEach(function (badge) {
            var other = doc.querySelector('[data-testid=board-tabs] .badge[data-testid="' + badge.getAttribute('data-testid') + '"]');
            if (other) {
                badge.textContent = other.textContent;
            }
        });
        return true;
    }

    function refresh() {
        if (document.hidden) {
            again = true;
            return;
        }
        if (busy) {
            again = true;
            return;
        }

        busy = true;
        again = false;
        fetch(window.location.href, { credentials: 'same-origin', headers: { 'X-Board-Refresh': '1' } })
            .then(function (response) {
                var here = new URL(window.location.href);
                if (!response.ok || new URL(response.url).pathname !== here.pathname) {
                    // Signed out, or no longer allowed: stop; the next navigation shows why.
                    throw new Error('board ' + response.status);
                }
                return response.text();
            })
            .then(function (html) {
                if (!swap(html)) {
                    throw new Error('board section missing');
                }
                var message = text('updated', now());
                if (newCalls > 0) {
                    message = text('new', newCalls) + (emergency ? ' · ' + text('emergency') : '') + ' · ' + message;
                }
                show('updated', message, newCalls > 0 ? (emergency ? 'text-bg-danger' : 'text-bg-primary') : 'text-bg-light border');
                newCalls = 0;
                emergency = false;
            })
            .catch(function () {
                show('offline', text('offline'), 'text-bg-warning');
            })
            .then(function () {
                busy = false;
                if (again) {
                    refresh();
                }
            });
    }

    function connect() {
        source = new EventSource(status.getAttribute('data-events'));
        source.addEventListener('open', function () {
            if (status.getAttribute('data-state') === 'off' || status.getAttribute('data-state') === 'offline') {
                show('open', text('live'));
            } else {
                status.setAttribute('data-state', 'open');
            }
            if (lost) {
                // Changes made while the stream was down were not pushed.
                lost = false;
                refresh();
            }
        });
        source.addEventListener('board', function (e) {
            try {
                var update = JSON.parse(e.data);
                newCalls += update.created || 0;
                emergency = emergency || (update.created > 0 && update.emergency === true);
            } catch (ignored) {
                // Still a change: reload the section.
            }
            // Every open board hears the same event at once: spread their reloads over half a second.
            window.setTimeout(refresh, Math.floor(Math.random() * 500));
        });
        source.addEventListener('error', function () {
            lost = true;
            if (source.readyState === EventSource.CLOSED) {
                // Refused (too many boards open on this instance, or signed out): try again later.
                show('offline', text('offline'), 'text-bg-warning');
                window.setTimeout(connect, 30000);
            }
        });
    }

    document.addEventListener('visibilitychange', function () {
        if (!document.hidden && again) {
            refresh();
        }
    });
    window.addEventListener('pagehide', function () {
        if (source) {
            source.close();
        }
    });
    window.addEventListener('pageshow', function (e) {
        if (e.persisted) {
            // Back from the browser's page cache: reconnect and catch up.
            connect();
            refresh();
        }
    });

    connect();
}());
