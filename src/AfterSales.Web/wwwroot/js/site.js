// AfterSales page scripts

// A table wider than the screen scrolls sideways in its wrapper: keyboard users must be able to reach it (focus, then arrow keys).
(function () {
    function reachable() {
        document.querySelectorAll('.table-responsive, .overflow-auto').forEach(function (region) {
            var scrolls = region.scrollWidth > region.clientWidth + 1 || region.scrollHeight > region.clientHeight + 1;
            if (scrolls && !region.hasAttribute('tabindex')) {
                region.setAttribute('tabindex', '0');
                region.setAttribute('data-scroll-focus', '');
            } else if (!scrolls && region.hasAttribute('data-scroll-focus')) {
                region.removeAttribute('tabindex');
                region.removeAttribute('data-scroll-focus');
            }
        });
    }
    reachable();
    window.addEventListener('resize', reachable);
    window.addEventListener('load', reachable);
}());

// Behaviour declared in the markup, since the Content-Security-Policy allows no inline script or handlers:
// data-autosubmit (a filter select submits its form), data-confirm on a form (asks before posting),
// data-action="print" (the print dialog), data-intake-done (a saved call's intake draft is done with).
(function () {
    document.addEventListener('change', function (e) {
        var target = e.target;
        if (target instanceof Element && target.hasAttribute('data-autosubmit') && target.form) { target.form.submit(); }
    });
    document.addEventListener('submit', function (e) {
        var form = e.target;
        if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) { e.preventDefault(); }
    });
    document.addEventListener('click', function (e) {
        var trigger = e.target instanceof Element ? e.target.closest('[data-action="print"]') : null;
        if (trigger) { e.preventDefault(); window.print(); }
    });
    document.querySelectorAll('[data-intake-done]').forEach(function (done) {
        try { sessionStorage.removeItem('aftersales-intake-draft:' + done.getAttribute('data-intake-done')); } catch (ignored) { /* storage off */ }
    });
}());
