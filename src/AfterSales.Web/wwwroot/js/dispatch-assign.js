(function () {
    // Leave, duty and open jobs depend on the day: a new appointment date asks for that day's suggestion.
    var date = document.getElementById('Input_AppointmentDate');
    var slot = document.getElementById('Input_Slot');
    if (!date) { return; }
    date.addEventListener('change', function () {
        if (!date.value) { return; }
        var url = new URL(window.location.href);
        url.searchParams.set('date', date.value);
        url.searchParams.set('slot', slot.value);
        window.location.assign(url.toString());
    });
})();
