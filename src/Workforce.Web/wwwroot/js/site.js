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

// Person pickers (select[data-worker-picker]): Tom Select asks the scoped look-up as the officer types a name, the last digits of an
// ID number or a community; each option shows name, community, post and the masked ID number. The server does the matching.
(function () {
    if (!window.TomSelect) {
        return;
    }
    document.querySelectorAll('select[data-worker-picker]').forEach(function (el) {
        var url = el.getAttribute('data-worker-picker');
        var multiple = el.multiple;
        new window.TomSelect(el, {
            valueField: 'id',
            labelField: 'name',
            searchField: [],
            maxItems: multiple ? null : 1,
            placeholder: el.getAttribute('data-placeholder'),
            plugins: multiple ? ['remove_button'] : [],
            loadThrottle: 250,
            preload: false,
            // The server matches names, ID tails and communities; keep every option it answers.
            score: function () { return function () { return 1; }; },
            shouldLoad: function (query) { return query.trim().length >= 1; },
            load: function (query, callback) {
                var self = this;
                self.clearOptions();
                fetch(url + '?q=' + encodeURIComponent(query), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
                    .then(function (r) { return r.ok ? r.json() : []; })
                    .then(function (rows) { callback(rows); })
                    .catch(function () { callback(); });
            },
            render: {
                option: function (d, escape) {
                    var details = [d.community, d.post, d.maskedId].filter(function (x) { return x; }).map(escape).join(' · ');
                    return '<div class="picker-option"><strong>' + escape(d.name) + '</strong> <span class="text-muted small">' + details + '</span></div>';
                },
                item: function (d, escape) {
                    return '<div>' + escape(d.name) + (d.community ? ' <span class="text-muted small">' + escape(d.community) + '</span>' : '') + '</div>';
                },
                no_results: function () { return '<div class="no-results">' + el.getAttribute('data-no-results') + '</div>'; },
                not_loading: function () { return '<div class="no-results">' + el.getAttribute('data-type-more') + '</div>'; }
            }
        });
    });
})();

// The organisation tree: search by name (matching units shown with their parents opened, others hidden) and open/close all.
(function () {
    var search = document.querySelector('[data-tree-search]');
    if (search) {
        var tree = document.querySelector(search.getAttribute('data-tree-search'));
        var items = Array.prototype.slice.call(tree.querySelectorAll('li[data-tree-name]'));
        var none = tree.querySelector('#tree-no-match');
        search.addEventListener('input', function () {
            var term = search.value.trim();
            var found = 0;
            items.forEach(function (li) { li.hidden = term.length > 0; });
            items.forEach(function (li) {
                if (term.length === 0 || li.getAttribute('data-tree-name').indexOf(term) < 0) {
                    return;
                }
                found++;
                // Show the match and every ancestor, opened.
                for (var el = li; el && el !== tree; el = el.parentElement) {
                    if (el.matches('li[data-tree-name]')) {
                        el.hidden = false;
                    }
                    if (el.tagName === 'DETAILS' && el !== li.querySelector('details')) {
                        el.open = true;
                    }
                }
            });
            if (none) {
                none.classList.toggle('d-none', term.length === 0 || found > 0);
            }
        });
    }
    document.querySelectorAll('[data-tree-toggle]').forEach(function (button) {
        button.addEventListener('click', function () {
            var open = button.getAttribute('data-open') === 'true';
            document.querySelectorAll(button.getAttribute('data-tree-toggle') + ' details').forEach(function (d) { d.open = open; });
        });
    });
})();
