// Dashboard: filter, sort, and refresh from /api/status every 5 s without reloading the page.
(function () {
  'use strict';
  var table = document.getElementById('streams');
  if (!table) return;
  var tbody = table.tBodies[0];
  var filter = document.getElementById('filter');
  var sortKey = null, sortDir = 1;
  var rank = { DOWN: 0, DEGRADED: 1, STALE: 2, UNKNOWN: 3, PAUSED: 4, UP: 5 };

  function text(row, cls) { var c = row.querySelector('.' + cls); return c ? c.textContent : ''; }

  function applyFilter() {
    var q = filter.value.trim().toLowerCase();
    Array.prototype.forEach.call(tbody.rows, function (row) {
      row.hidden = q !== '' && row.textContent.toLowerCase().indexOf(q) < 0;
    });
  }

  function value(row, key) {
    switch (key) {
      case 'status': return rank[row.querySelector('.st').textContent.trim()];
      case 'u24': case 'u7': case 'u30': return parseFloat(text(row, key)) || -1;
      case 'last': return Number(row.dataset.last);
      case 'latency': return Number(row.dataset.latency);
      case 'protocol': return text(row, 'proto');
      case 'reason': return text(row, 'reason');
      case 'node': return text(row, 'node');
      default: return row.dataset.name.toLowerCase();
    }
  }

  function applySort() {
    if (!sortKey) return;
    var rows = Array.prototype.slice.call(tbody.rows);
    rows.sort(function (a, b) {
      var x = value(a, sortKey), y = value(b, sortKey);
      return (x < y ? -1 : x > y ? 1 : 0) * sortDir;
    });
    rows.forEach(function (r) { tbody.appendChild(r); });
  }

  Array.prototype.forEach.call(table.tHead.querySelectorAll('th[data-sort]'), function (th) {
    th.addEventListener('click', function () {
      sortDir = sortKey === th.dataset.sort ? -sortDir : 1;
      sortKey = th.dataset.sort;
      table.tHead.querySelectorAll('th').forEach(function (h) { h.classList.remove('asc', 'desc'); });
      th.classList.add(sortDir > 0 ? 'asc' : 'desc');
      applySort();
    });
  });
  filter.addEventListener('input', applyFilter);

  // as the server formats it: two decimals, never rounded up to 100 %, "—" when nothing was watched
  function pct(p) { return p === null ? '\u2014' : (Math.floor(p * 100) / 100).toFixed(2) + '%'; }

  function setText(row, cls, value) { var c = row.querySelector('.' + cls); if (c.textContent !== value) c.textContent = value; }

  // one element per run of equal hours, as the server renders it
  function drawStrip(cell, hours) {
    while (cell.firstChild) cell.removeChild(cell.firstChild);
    for (var i = 0; i < hours.length;) {
      var j = i;
      while (j < hours.length && hours[j] === hours[i]) j++;
      var bar = document.createElement('i');
      bar.className = hours[i] + ' w' + (j - i);
      cell.appendChild(bar);
      i = j;
    }
  }

  function update(data) {
    Object.keys(data.summary).forEach(function (k) {
      var n = document.getElementById('n-' + k);
      if (n) n.textContent = data.summary[k];
    });
    document.getElementById('generated').textContent = data.generated;
    var byName = {};
    Array.prototype.forEach.call(tbody.rows, function (r) { byName[r.dataset.name] = r; });
    var reload = false;
    data.streams.forEach(function (s) {
      var row = byName[s.name];
      if (!row) { reload = true; return; }
      delete byName[s.name];
      row.dataset.last = s.last_beat_ms || 0;
      row.dataset.latency = s.latency_ms === null ? -1 : s.latency_ms;
      var st = row.querySelector('.st');
      st.className = 'st ' + s.status;
      st.textContent = s.status;
      setText(row, 'why', s.state_reason || '');
      setText(row, 'u24', pct(s.uptime_24h));
      setText(row, 'u7', pct(s.uptime_7d));
      setText(row, 'u30', pct(s.uptime_30d));
      setText(row, 'last', s.last_beat);
      setText(row, 'latency', s.latency_ms === null ? '' : s.latency_ms + ' ms');
      setText(row, 'reason', s.reason_words);
      if (row.querySelector('.node')) setText(row, 'node', s.node || '');
      row.querySelector('.reason').title = s.detail + (s.failed_at ? ' (' + s.failed_at + ')' : '');
      var strip = row.querySelector('.strip');
      var code = s.strip.join(',');
      if (strip.dataset.strip !== code) { strip.dataset.strip = code; drawStrip(strip, s.strip); }
      strip.title = 'ok beats ' + s.ok_beats_24h;
    });
    // monitor nodes (scale-out): state and last seen in place; a node new to the page reloads it
    (data.nodes || []).forEach(function (n) {
      var row = document.querySelector('#nodes tr[data-node="' + CSS.escape(n.id) + '"]');
      if (!row) { reload = true; return; }
      var st = row.querySelector('.nstate');
      st.className = 'nstate st ' + (n.alive ? 'UP' : 'STALE');
      st.textContent = n.alive ? 'alive' : 'gone';
      setText(row, 'nseen', n.last_seen);
      setText(row, 'nstreams', String(n.streams));
    });
    // streams added or removed in the editor (here or in another tab): rebuild once from the server
    if (reload || Object.keys(byName).length > 0) { window.location.reload(); return; }
    applySort();
    applyFilter();
  }

  function refresh() {
    fetch('/api/status', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) {
        if (r.status === 401) { window.location.href = '/login?next=/'; throw new Error('logged out'); }
        return r.json();
      })
      .then(update)
      .catch(function () { /* keep showing the last data; the next tick retries */ })
      .finally(function () { setTimeout(refresh, 5000); });
  }
  setTimeout(refresh, 5000);
})();
