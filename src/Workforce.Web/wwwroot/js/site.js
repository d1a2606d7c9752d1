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
