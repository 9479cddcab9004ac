// Call intake: caller lookup while typing, unit choice, the caller's open tickets and the unit's last visits,
// live warranty preview, a draft kept for this call only (offered back on a reload of this page), one submit only.
(function () {
    'use strict';
    const form = document.getElementById('intake-form');
    if (!form) { return; }
    const text = JSON.parse(document.getElementById('intake-text').textContent);
    const $ = (id) => document.getElementById(id);
    const phone = $('Input_Phone');
    const results = $('caller-results');
    const customerId = $('Input_CustomerId');
    // A draft belongs to one call: it is stored under this page's intake key, and the key is put in the
    // address so a reload of this page (and only this page) finds it. A fresh /Tickets/New is a new call.
    const draftPrefix = 'aftersales-intake-draft:';
    const intakeKey = $('Input_IntakeKey').value;
    const draftKey = draftPrefix + intakeKey;
    const draftMaxAge = 12 * 60 * 60 * 1000;
    let draftOfferPending = false;
    let lookupTimer = 0;
    let lookupSeq = 0;

    function esc(s) {
        return String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
    }

    function handlerUrl(handler, params) {
        const q = new URLSearchParams(params);
        q.set('handler', handler);
        return window.location.pathname + '?' + q.toString();
    }

    // ---- caller lookup ----
    phone.addEventListener('input', () => {
        clearTimeout(lookupTimer);
        lookupTimer = setTimeout(lookup, 200);
    });
    phone.addEventListener('keydown', (e) => {
        if (e.key === 'ArrowDown') {
            const first = results.querySelector('button');
            if (first) { e.preventDefault(); first.focus(); }
        }
    });
    results.addEventListener('keydown', (e) => {
        const items = Array.from(results.querySelectorAll('button'));
        const at = items.indexOf(document.activeElement);
        if (e.key === 'ArrowDown' && at < items.length - 1) { e.preventDefault(); items[at + 1].focus(); }
        if (e.key === 'ArrowUp') { e.preventDefault(); (at > 0 ? items[at - 1] : phone).focus(); }
        if (e.key === 'Escape') { results.innerHTML = ''; phone.focus(); }
    });

    async function lookup() {
        const q = phone.value.trim();
        const seq = ++lookupSeq;
        if (q.length < 2 || customerId.value) { results.innerHTML = ''; return; }
        const response = await fetch(handlerUrl('Lookup', { q }), { headers: { 'Accept': 'application/json' } });
        if (!response.ok || seq !== lookupSeq) { return; }
        const callers = await response.json();
        if (callers.length === 0) {
            results.innerHTML = '<div class="list-group-item text-muted" data-testid="caller-none">' + esc(text.noMatch) + '</div>';
            return;
        }
        results.innerHTML = callers.map((c, n) =>
            '<button type="button" class="list-group-item list-group-item-action" data-index="' + n + '" data-testid="caller-hit">' +
            '<strong>' + esc(c.name) + '</strong> <span class="badge text-bg-light">' + esc(text[c.kind] || c.kind) + '</span> ' +
            '<span class="text-muted">' + esc(c.phones.join(' / ')) + '</span><br><small class="text-muted">' +
            esc(c.address || '') + ' · ' + esc(text.units.replace('{0}', c.units.length)) + '</small></button>').join('');
        results.querySelectorAll('button').forEach(b => b.addEventListener('click', () => choose(callers[+b.dataset.index])));
    }

    function choose(caller) {
        customerId.value = caller.id;
        // A partial number or a name was typed: the call is from the caller's number that matched (else their first).
        const typed = phone.value.replace(/\D/g, '');
        if (!caller.phones.includes(typed)) {
            phone.value = caller.phones.find(p => typed.length > 0 && p.includes(typed)) || caller.phones[0] || phone.value;
        }
        results.innerHTML = '';
        $('caller-chosen-name').textContent = caller.name + ' · ' + caller.phones.join(' / ');
        $('caller-chosen').classList.remove('d-none');
        $('new-caller').classList.add('d-none');
        renderUnits(caller.units);
        saveDraft();
        loadContext();
        const first = document.querySelector('#unit-choices input');
        (first || $('Input_ProductModelId')).focus();
    }

    $('caller-clear').addEventListener('click', () => {
        customerId.value = '';
        $('caller-chosen').classList.add('d-none');
        $('new-caller').classList.remove('d-none');
        renderUnits([]);
        saveDraft();
        loadContext();
        phone.focus();
    });

    function renderUnits(units) {
        $('unit-choices').innerHTML = units.map((u, n) =>
            '<div class="form-check"><input class="form-check-input" type="radio" name="Input.UnitId" id="unit-' + u.id + '" value="' + u.id + '"' + (n === 0 ? ' checked' : '') + '>' +
            '<label class="form-check-label" for="unit-' + u.id + '">' + esc(u.modelName) + ' · ' + esc(u.serial) +
            ' <span class="badge ' + badge(u.warranty) + '">' + esc(text[u.warranty]) + '</span></label></div>').join('');
        $('unit-new-choice').classList.toggle('d-none', units.length === 0);
        $('unit-new').checked = units.length === 0;
        bindUnitRadios();
        toggleNewUnit();
    }

    function bindUnitRadios() {
        form.querySelectorAll('input[name="Input.UnitId"]').forEach(r => r.addEventListener('change', () => { toggleNewUnit(); saveDraft(); loadContext(); }));
    }

    function chosenUnit() {
        const r = form.querySelector('input[name="Input.UnitId"]:checked');
        return r && r.value ? r.value : '';
    }

    function toggleNewUnit() {
        $('new-unit').classList.toggle('d-none', chosenUnit() !== '');
        preview();
    }

    // ---- the caller's open tickets and the unit's last visits ----
    const context = $('caller-context');
    let contextSeq = 0;
    async function loadContext() {
        const seq = ++contextSeq;
        if (!customerId.value) { context.innerHTML = ''; context.classList.add('d-none'); return; }
        const unitId = chosenUnit();
        const params = { customerId: customerId.value };
        if (unitId) { params.unitId = unitId; }
        let data;
        try {
            const response = await fetch(handlerUrl('CallerContext', params), { headers: { 'Accept': 'application/json' } });
            if (!response.ok) { throw new Error(String(response.status)); }
            data = await response.json();
        } catch {
            if (seq === contextSeq) { context.innerHTML = '<div class="alert alert-warning small mb-0">' + esc(text.contextFailed) + '</div>'; }
            return;
        }
        if (seq !== contextSeq) { return; }
        const sameUnit = data.openTickets.filter(t => unitId && String(t.unitId) === unitId);
        const row = (t, offer) =>
            '<li class="list-group-item small" data-testid="' + (offer ? 'open-ticket' : 'unit-visit') + '" data-number="' + esc(t.number) + '">' +
            '<a href="/Tickets/' + encodeURIComponent(t.number) + '" target="_blank" rel="noopener">' + esc(t.number) + '</a> ' +
            '<span class="badge text-bg-secondary">' + esc(t.statusText) + '</span> ' +
            (t.open ? '<span class="badge text-bg-light">' + esc(t.urgencyText) + '</span> ' : '') +
            (t.repeatCalls > 0 ? '<span class="badge text-bg-warning" data-testid="context-repeat-count">' + esc(text.repeatCount.replace('{0}', t.repeatCalls)) + '</span> ' : '') +
            '<br><span class="text-muted">' + esc(t.createdAt) + (t.unit ? ' · ' + esc(t.unit) : '') + ' · ' + esc(t.kindText) + '</span>' +
            '<br>' + esc(t.fault) +
            (t.visit ? '<br><span class="text-muted">' + esc(t.visit) + '</span>' : '') +
            (offer && t.open && unitId && String(t.unitId) === unitId
                ? '<div class="mt-1"><button type="submit" class="btn btn-warning btn-sm" formaction="' + esc(handlerUrl('RepeatCall', {})) + '" formnovalidate name="repeatTicket" value="' + esc(t.number) + '" data-testid="add-to-ticket">' + esc(text.addToTicket) + '</button></div>'
                : '') +
            '</li>';
        context.innerHTML =
            (sameUnit.length > 0 ? '<div class="alert alert-warning small" role="status" data-testid="same-unit-open">' + esc(text.sameUnitOpen) + '</div>' : '') +
            '<h2 class="h6">' + esc(text.openTickets) + '</h2>' +
            (data.openTickets.length === 0 ? '<p class="text-muted small" data-testid="no-open-tickets">' + esc(text.noOpenTickets) + '</p>'
                : '<ul class="list-group mb-3" data-testid="open-tickets">' + data.openTickets.map(t => row(t, true)).join('') + '</ul>') +
            (unitId ? '<h2 class="h6">' + esc(text.unitVisits) + '</h2>' +
                (data.unitVisits.length === 0 ? '<p class="text-muted small mb-0">' + esc(text.noVisits) + '</p>'
                    : '<ul class="list-group" data-testid="unit-visits">' + data.unitVisits.map(t => row(t, false)).join('') + '</ul>') : '');
        context.classList.remove('d-none');
    }

    // ---- warranty preview ----
    let previewTimer = 0;
    function preview() {
        clearTimeout(previewTimer);
        previewTimer = setTimeout(async () => {
            const unitId = chosenUnit();
            const params = unitId ? { unitId } : {
                modelId: $('Input_ProductModelId').value,
                purchaseDate: $('Input_PurchaseDate').value,
                hasProof: $('Input_HasProof').checked,
                serial: $('Input_SerialNumber').value,
            };
            if (!unitId && !params.modelId) { $('warranty-preview').innerHTML = ''; return; }
            const response = await fetch(handlerUrl('Warranty', params));
            if (!response.ok) { return; }
            const w = await response.json();
            $('warranty-preview').innerHTML = w.error
                ? '<div class="alert alert-warning mb-0">' + esc(w.error) + '</div>'
                : '<div class="alert ' + alert(w.status) + ' mb-0" data-testid="warranty-status" data-status="' + esc(w.status) + '"><strong>' + esc(w.statusText) + '</strong>' +
                  (w.expiresOn ? ' · ' + esc(text.expires) + ' ' + esc(w.expiresOn) : '') +
                  '<ul class="mb-0 small">' + w.reasons.map(r => '<li>' + esc(r.text) + '</li>').join('') + '</ul></div>';
        }, 150);
    }
    function badge(s) { return s === 'InWarranty' ? 'text-bg-success' : s === 'OutOfWarranty' ? 'text-bg-danger' : 'text-bg-warning'; }
    function alert(s) { return s === 'InWarranty' ? 'alert-success' : s === 'OutOfWarranty' ? 'alert-danger' : 'alert-warning'; }
    ['Input_ProductModelId', 'Input_PurchaseDate', 'Input_HasProof', 'Input_SerialNumber'].forEach(id => $(id).addEventListener('change', preview));

    // ---- consultation answered at once ----
    const kind = $('Input_Kind');
    kind.addEventListener('change', () => $('consultation').classList.toggle('d-none', kind.value !== 'Consultation'));

    // ---- draft: nothing typed on this call is lost on a reload; the next call starts empty ----
    function fields() {
        return Array.from(form.elements).filter(e => e.name && e.name.startsWith('Input.') && e.type !== 'radio' && e.name !== 'Input.IntakeKey');
    }
    function saveDraft() {
        if (draftOfferPending) { return; }
        const data = { savedAt: Date.now() };
        fields().forEach(e => { data[e.name] = e.type === 'checkbox' ? e.checked : e.value; });
        data.unit = chosenUnit();
        data.callerName = $('caller-chosen-name').textContent;
        data.units = $('unit-choices').innerHTML;
        try { sessionStorage.setItem(draftKey, JSON.stringify(data)); } catch { /* storage full or off: the draft is a convenience */ }
    }
    function typed() {
        if (draftOfferPending) {
            // Typing instead of answering the offer: this call goes on with what is on the screen.
            hideOffer();
        }
        saveDraft();
    }
    form.addEventListener('input', typed);
    form.addEventListener('change', typed);

    // Old drafts (other calls of this tab, and the single draft older versions kept) are dropped.
    try {
        sessionStorage.removeItem('aftersales-intake-draft');
        for (let n = sessionStorage.length - 1; n >= 0; n--) {
            const k = sessionStorage.key(n);
            if (!k || !k.startsWith(draftPrefix) || k === draftKey) { continue; }
            let stale = true;
            try { stale = Date.now() - (JSON.parse(sessionStorage.getItem(k)).savedAt || 0) > draftMaxAge; } catch { stale = true; }
            if (stale) { sessionStorage.removeItem(k); }
        }
    } catch { /* no storage */ }

    // This page's address names its call, so a reload finds the same key (and its draft).
    if (intakeKey) {
        const url = new URL(window.location.href);
        url.searchParams.delete('handler');
        url.searchParams.set('call', intakeKey);
        history.replaceState(history.state, '', url.pathname + url.search);
    }

    function restoreDraft(data) {
        fields().forEach(e => {
            if (!(e.name in data)) { return; }
            if (e.type === 'checkbox') { e.checked = data[e.name]; } else { e.value = data[e.name]; }
        });
        if (data['Input.CustomerId']) {
            $('caller-chosen-name').textContent = data.callerName;
            $('caller-chosen').classList.remove('d-none');
            $('new-caller').classList.add('d-none');
            $('unit-choices').innerHTML = data.units;
            $('unit-new-choice').classList.toggle('d-none', !data.units);
        }
        const r = data.unit ? form.querySelector('input[name="Input.UnitId"][value="' + CSS.escape(data.unit) + '"]') : $('unit-new');
        if (r) { r.checked = true; }
        $('consultation').classList.toggle('d-none', kind.value !== 'Consultation');
        $('complaint-fields').classList.toggle('d-none', kind.value !== 'Complaint');
        bindUnitRadios();
        toggleNewUnit();
        loadContext();
    }
    function hideOffer() {
        draftOfferPending = false;
        $('draft-offer').classList.add('d-none');
    }

    const serverSaidNo = form.querySelector('.field-validation-error, .validation-summary-errors');
    let stored = null;
    try { stored = JSON.parse(sessionStorage.getItem(draftKey) || 'null'); } catch { stored = null; }
    if (stored && !serverSaidNo && Date.now() - (stored.savedAt || 0) <= draftMaxAge) {
        const minutes = Math.floor((Date.now() - stored.savedAt) / 60000);
        $('draft-offer-text').textContent = minutes < 1 ? text.draftOfferJustNow : text.draftOffer.replace('{0}', minutes);
        $('draft-offer').classList.remove('d-none');
        draftOfferPending = true;
        $('draft-restore').addEventListener('click', () => { hideOffer(); restoreDraft(stored); saveDraft(); });
        $('draft-discard').addEventListener('click', () => { hideOffer(); sessionStorage.removeItem(draftKey); phone.focus(); });
    }
    bindUnitRadios();
    toggleNewUnit();
    loadContext();

    // ---- submit once; Ctrl+Enter from a text area ----
    form.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); }
    });
    form.addEventListener('submit', (e) => {
        const button = $('intake-save');
        if (button.dataset.sent) { e.preventDefault(); return; }
        hideOffer();
        saveDraft();
        button.dataset.sent = '1';
        button.disabled = true;
    });
})();

// A complaint asks for its fault category; other kinds hide it.
(function () {
    var kind = document.getElementById('Input_Kind');
    var fields = document.getElementById('complaint-fields');
    if (!kind || !fields) { return; }
    kind.addEventListener('change', function () { fields.classList.toggle('d-none', kind.value !== 'Complaint'); });
}());
