// The teacher's sign-in screen: every five seconds asks the session's state, shows the current QR code (it changes every
// thirty seconds) while the window is open, and fills the list of trainees who have signed in.
(function () {
    var board = document.getElementById('signin-board');
    if (!board || !window.fetch) {
        return;
    }
    var url = board.getAttribute('data-state-url');
    var qr = document.getElementById('signin-qr');
    var code = document.getElementById('signin-code');
    var closed = document.getElementById('signin-closed');
    var list = document.getElementById('signin-list');
    var shown = null;
    function refresh() {
        fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
            .then(function (r) { return r.ok ? r.json() : null; })
            .then(function (s) {
                if (!s) {
                    return;
                }
                qr.classList.toggle('d-none', !s.open);
                code.classList.toggle('d-none', !s.open);
                closed.classList.toggle('d-none', s.open);
                if (s.open && s.code !== shown) {
                    qr.innerHTML = s.qr; // SVG drawn by the server from the sign-in link
                    code.textContent = s.code;
                    shown = s.code;
                }
                document.getElementById('signin-present').textContent = s.present;
                document.getElementById('signin-total').textContent = s.total;
                list.textContent = '';
                s.signedIn.forEach(function (t) {
                    var li = document.createElement('li');
                    li.className = 'list-group-item small d-flex justify-content-between';
                    li.setAttribute('data-worker', t.workerId);
                    var name = document.createElement('span');
                    name.textContent = t.name;
                    var at = document.createElement('span');
                    at.className = 'text-muted';
                    at.textContent = t.at;
                    li.appendChild(name);
                    li.appendChild(at);
                    list.appendChild(li);
                });
            })
            .catch(function () { });
    }
    window.setInterval(refresh, 5000);
})();
