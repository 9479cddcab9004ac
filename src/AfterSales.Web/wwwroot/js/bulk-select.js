// "Select all on this page": a header checkbox with data-select-all="NAME" ticks every row checkbox named NAME.
// Delegated from the document, so it keeps working when a section of the page is replaced in place.
(function () {
    document.addEventListener('change', function (e) {
        var all = e.target.closest && e.target.closest('input[data-select-all]');
        if (all) {
            document.querySelectorAll('input[type=checkbox][name="' + CSS.escape(all.getAttribute('data-select-all')) + '"]').forEach(function (box) {
                box.checked = all.checked;
            });
        }
    });
})();
