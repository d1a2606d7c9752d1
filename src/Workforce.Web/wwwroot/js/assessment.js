// The live count of a 民主测评: asks the round's count every five seconds while voting is open.
(function () {
    var panel = document.getElementById('live-count');
    if (!panel || !window.fetch) {
        return;
    }
    var url = panel.getAttribute('data-count-url');
    function refresh() {
        fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
            .then(function (r) { return r.ok ? r.json() : null; })
            .then(function (c) {
                if (c) {
                    document.getElementById('ballots-returned').textContent = c.returned;
                    document.getElementById('codes-issued').textContent = c.issued;
                }
            })
            .catch(function () { });
    }
    window.setInterval(refresh, 5000);
})();
