// Confirmation for buttons with data-confirm (no inline script: the CSP forbids it).
document.addEventListener('click', function (e) {
    var el = e.target.closest('[data-confirm]');
    if (el && !window.confirm(el.getAttribute('data-confirm'))) {
        e.preventDefault();
    }
});

// Print buttons (data-print): the notice page is printed with the print stylesheet.
document.addEventListener('click', function (e) {
    if (e.target.closest('[data-print]')) {
        window.print();
    }
});

// Live progress of a payroll run (data-run-status: the JSON status URL); reloads the page when the run ends.
(function () {
    var box = document.querySelector('[data-run-status]');
    if (!box) {
        return;
    }
    var url = box.getAttribute('data-run-status');
    function set(selector, value) {
        var el = box.querySelector(selector);
        if (el) {
            el.textContent = value;
        }
    }
    function poll() {
        fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
            .then(function (r) { return r.ok ? r.json() : null; })
            .then(function (s) {
                if (!s) {
                    return;
                }
                var percent = s.total > 0 ? Math.round(100 * s.processed / s.total) : 0;
                var bar = box.querySelector('[data-run-bar]');
                if (bar) {
                    bar.style.width = percent + '%';
                    bar.textContent = percent + '%';
                }
                set('[data-run-phase]', s.phase);
                set('[data-run-count]', s.processed + ' / ' + s.total);
                set('[data-run-elapsed]', s.elapsed.toFixed(1));
                set('[data-run-errors]', s.errors);
                if (s.status !== 'Running') {
                    window.location.reload();
                    return;
                }
                window.setTimeout(poll, 500);
            })
            .catch(function () { window.setTimeout(poll, 2000); });
    }
    poll();
})();
