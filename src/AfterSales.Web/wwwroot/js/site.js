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
