// Config editor: confirm deletes, and "Test URL" grabs a frame from the URL before it is saved.
// "Find cameras" (ONVIF): search, then add the ticked profiles; the server asks the cameras again,
// so the password goes out with each post and never comes back.
(function () {
  'use strict';
  var form = document.getElementById('find-form');
  if (!form) return;
  var status = document.getElementById('onvif-status');
  var table = document.getElementById('onvif-cameras');
  var addButton = document.getElementById('onvif-add');
  var search = document.getElementById('onvif-search');

  function say(text, cls) { status.textContent = text; status.className = cls; }
  function post(path, fields) {
    var body = new URLSearchParams();
    body.set('_csrf', form.elements._csrf.value);
    body.set('user', form.elements.user.value);
    body.set('password', form.elements.password.value);
    Object.keys(fields).forEach(function (k) { body.set(k, fields[k]); });
    return fetch(path, { method: 'POST', credentials: 'same-origin', body: body })
      .then(function (r) { return r.json().then(function (j) { j.status = r.status; return j; }); });
  }
  function cell(tr, text) { var td = document.createElement('td'); td.textContent = text == null ? '' : text; tr.appendChild(td); return td; }
  function profileText(p) {
    var size = p.width && p.height ? p.width + '×' + p.height : '';
    return [p.name || p.token, p.codec, size, p.fps ? p.fps + ' fps' : ''].filter(Boolean).join(' · ');
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    search.disabled = true;
    table.hidden = true;
    addButton.hidden = true;
    say('Searching…', 'muted');
    post('/config/find-cameras', { addresses: form.elements.addresses.value })
      .then(function (j) {
        if (j.error) { say(j.error, 'error'); return; }
        var tbody = table.tBodies[0];
        tbody.textContent = '';
        j.cameras.forEach(function (c) {
          var tr = document.createElement('tr');
          tr.dataset.serial = c.serial || '';
          cell(tr, c.manufacturer);
          var model = cell(tr, c.model);
          if (c.inConfig) { var tag = document.createElement('span'); tag.className = 'tag'; tag.textContent = 'in config'; model.appendChild(document.createTextNode(' ')); model.appendChild(tag); }
          cell(tr, c.serial);
          cell(tr, c.address);
          var td = cell(tr, c.error ? c.error : '');
          if (c.error) td.className = 'error';
          (c.profiles || []).forEach(function (p) {
            var label = document.createElement('label');
            var box = document.createElement('input');
            box.type = 'checkbox';
            box.className = 'onvif-profile';
            box.dataset.device = c.deviceUrl;
            box.dataset.profile = p.token;
            if (c.name) box.dataset.name = c.name;
            box.disabled = !p.streamUri || !!p.stream;
            label.appendChild(box);
            label.appendChild(document.createTextNode(' ' + profileText(p) + (p.stream ? ' (already: ' + p.stream + ')' : '')));
            td.appendChild(label);
          });
          tbody.appendChild(tr);
        });
        table.hidden = j.cameras.length === 0;
        addButton.hidden = j.cameras.length === 0;
        say(j.cameras.length === 0 ? 'No camera answered.' : j.cameras.length + ' camera(s) found. Tick the profiles to watch.', j.cameras.length === 0 ? 'error' : 'muted');
      })
      .catch(function (err) { say(err.message, 'error'); })
      .finally(function () { search.disabled = false; });
  });

  addButton.addEventListener('click', function () {
    var picks = [];
    table.querySelectorAll('input.onvif-profile:checked').forEach(function (b) {
      picks.push({ device: b.dataset.device, profile: b.dataset.profile, name: b.dataset.name || null });
    });
    if (picks.length === 0) { say('Tick at least one profile.', 'error'); return; }
    addButton.disabled = true;
    say('Adding…', 'muted');
    post('/config/add-cameras', { picks: JSON.stringify(picks) })
      .then(function (j) {
        if (j.error) { say(j.error, 'error'); return; }
        var names = j.added.map(function (a) { return a.name; });
        if (names.length === 0) { say('Nothing added: already in the config.', 'muted'); return; }
        window.location.href = '/config?saved=' + encodeURIComponent(names.join(', '));
      })
      .catch(function (err) { say(err.message, 'error'); })
      .finally(function () { addButton.disabled = false; });
  });
})();

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
