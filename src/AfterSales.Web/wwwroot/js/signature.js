// Signature pad: the customer signs with a finger (or mouse, or pen) on a canvas; every stroke updates a
// hidden field with the drawing as a PNG data URL, which the server decodes and the domain checks.
(function () {
    'use strict';

    function setUp(canvas) {
        var target = document.getElementById(canvas.dataset.target);
        if (!target) { return; }
        var context = canvas.getContext('2d');
        var drawing = false;
        var drawn = false;
        var last = null;

        function fit() {
            // Draw in device pixels so strokes stay sharp, and keep the CSS size.
            var ratio = window.devicePixelRatio || 1;
            var rect = canvas.getBoundingClientRect();
            canvas.width = Math.max(1, Math.round(rect.width * ratio));
            canvas.height = Math.max(1, Math.round(rect.height * ratio));
            context.setTransform(ratio, 0, 0, ratio, 0, 0);
            context.lineWidth = 2.5;
            context.lineCap = 'round';
            context.lineJoin = 'round';
            context.strokeStyle = '#111';
            drawn = false;
            target.value = '';
        }

        function point(event) {
            var rect = canvas.getBoundingClientRect();
            return { x: event.clientX - rect.left, y: event.clientY - rect.top };
        }

        canvas.addEventListener('pointerdown', function (event) {
            event.preventDefault();
            canvas.setPointerCapture(event.pointerId);
            drawing = true;
            last = point(event);
            context.beginPath();
            context.arc(last.x, last.y, 1, 0, Math.PI * 2);
            context.fill();
        });
        canvas.addEventListener('pointermove', function (event) {
            if (!drawing) { return; }
            event.preventDefault();
            var p = point(event);
            context.beginPath();
            context.moveTo(last.x, last.y);
            context.lineTo(p.x, p.y);
            context.stroke();
            last = p;
            drawn = true;
        });
        function end() {
            if (!drawing) { return; }
            drawing = false;
            if (drawn) { target.value = canvas.toDataURL('image/png'); }
        }
        canvas.addEventListener('pointerup', end);
        canvas.addEventListener('pointercancel', end);
        canvas.addEventListener('pointerleave', end);

        var clear = document.getElementById('signature-clear');
        if (clear) {
            clear.addEventListener('click', function () {
                context.clearRect(0, 0, canvas.width, canvas.height);
                drawn = false;
                target.value = '';
            });
        }

        fit();
    }

    document.querySelectorAll('canvas.signature-pad').forEach(setUp);
})();
