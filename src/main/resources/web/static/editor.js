// Config editor: confirm deletes, and "Test URL" grabs a frame from the URL before it is saved.
(function () {
  'use strict';
  document.querySelectorAll('form[data-confirm]').forEach(function (f) {
    f.addEventListener('submit', function (e) { if (!window.confirm(f.dataset.confirm)) e.preventDefault(); });
  });
  var button = document.getElementById('test-url');
  if (!button) return;
  var form = document.getElementById('stream-form');
  var result = document.getElementById('test-result');
  var img = document.getElementById('test-image');
  button.addEventListener('click', function () {
    var body = new URLSearchParams();
    body.set('_csrf', form.elements._csrf.value);
    body.set('url', form.elements.url.value);
    body.set('original', form.elements.original.value);
    var timeout = form.elements.timeout_seconds.value || '10';
    button.disabled = true;
    result.className = 'muted';
    result.textContent = 'Testing…';
    fetch('/config/test-url?timeout=' + encodeURIComponent(timeout), { method: 'POST', credentials: 'same-origin', body: body })
      .then(function (r) { return r.json(); })
      .then(function (j) {
        result.textContent = j.words + (j.detail ? ' — ' + j.detail : '') + (j.latency_ms !== undefined ? ' (' + j.latency_ms + ' ms)' : '');
        result.className = j.ok ? 'ok' : 'error';
        if (j.image) { img.src = j.image; img.hidden = false; } else { img.hidden = true; }
      })
      .catch(function (e) { result.textContent = e.message; result.className = 'error'; })
      .finally(function () { button.disabled = false; });
  });
})();
