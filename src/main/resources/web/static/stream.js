// Stream page: "Grab a frame now" fetches a JPEG from the preview route and shows it with its latency.
(function () {
  'use strict';
  var button = document.getElementById('grab');
  if (!button) return;
  var img = document.getElementById('preview');
  var result = document.getElementById('grab-result');
  button.addEventListener('click', function () {
    button.disabled = true;
    result.textContent = 'Grabbing…';
    var started = Date.now();
    fetch('/stream/preview.jpg?name=' + encodeURIComponent(button.dataset.name), { credentials: 'same-origin' })
      .then(function (r) {
        var latency = r.headers.get('X-Grab-Latency-Ms');
        if (!r.ok) return r.text().then(function (t) { throw new Error(t || ('HTTP ' + r.status)); });
        return r.blob().then(function (b) { return { blob: b, latency: latency }; });
      })
      .then(function (x) {
        if (img.src) URL.revokeObjectURL(img.src);
        img.src = URL.createObjectURL(x.blob);
        img.hidden = false;
        result.textContent = 'Grabbed in ' + (x.latency || (Date.now() - started)) + ' ms';
        result.className = 'ok';
      })
      .catch(function (e) { result.textContent = e.message; result.className = 'error'; })
      .finally(function () { button.disabled = false; });
  });
})();
