// Call intake: caller lookup while typing, unit choice, live warranty preview, draft kept across reloads, one submit only.
(function () {
    'use strict';
    const form = document.getElementById('intake-form');
    if (!form) { return; }
    const text = JSON.parse(document.getElementById('intake-text').textContent);
    const $ = (id) => document.getElementById(id);
    const phone = $('Input_Phone');
    const results = $('caller-results');
    const customerId = $('Input_CustomerId');
    const draftKey = 'aftersales-intake-draft';
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
        const first = document.querySelector('#unit-choices input');
        (first || $('Input_ProductModelId')).focus();
    }

    $('caller-clear').addEventListener('click', () => {
        customerId.value = '';
        $('caller-chosen').classList.add('d-none');
        $('new-caller').classList.remove('d-none');
        renderUnits([]);
        saveDraft();
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
        form.querySelectorAll('input[name="Input.UnitId"]').forEach(r => r.addEventListener('change', () => { toggleNewUnit(); saveDraft(); }));
    }

    function chosenUnit() {
        const r = form.querySelector('input[name="Input.UnitId"]:checked');
        return r && r.value ? r.value : '';
    }

    function toggleNewUnit() {
        $('new-unit').classList.toggle('d-none', chosenUnit() !== '');
        preview();
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

    // ---- draft: nothing typed is lost on a reload or a crash ----
    function fields() { return Array.from(form.elements).filter(e => e.name && e.name.startsWith('Input.') && e.type !== 'radio'); }
    function saveDraft() {
        const data = {};
        fields().forEach(e => { data[e.name] = e.type === 'checkbox' ? e.checked : e.value; });
        data.unit = chosenUnit();
        data.callerName = $('caller-chosen-name').textContent;
        data.units = $('unit-choices').innerHTML;
        sessionStorage.setItem(draftKey, JSON.stringify(data));
    }
    form.addEventListener('input', saveDraft);
    form.addEventListener('change', saveDraft);

    const serverSaidNo = form.querySelector('.field-validation-error, .validation-summary-errors');
    const stored = sessionStorage.getItem(draftKey);
    if (stored && !serverSaidNo) {
        const data = JSON.parse(stored);
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
        $('draft-discard').classList.remove('d-none');
        $('draft-discard').title = text.draftRestored;
    }
    $('draft-discard').addEventListener('click', () => { sessionStorage.removeItem(draftKey); window.location.href = window.location.pathname; });
    bindUnitRadios();
    toggleNewUnit();

    // ---- submit once; Ctrl+Enter from a text area ----
    form.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); }
    });
    form.addEventListener('submit', (e) => {
        const button = $('intake-save');
        if (button.dataset.sent) { e.preventDefault(); return; }
        saveDraft();
        button.dataset.sent = '1';
        button.disabled = true;
    });
})();
