// Dashboard: the table (filter, sort) or the camera wall (filter, group by label), both refreshed
// every 5 s from /api/status?since=<version>: only the streams that changed since the last answer.
(function () {
  'use strict';
  var generated = document.getElementById('generated');
  var version = generated ? generated.dataset.version : null;

  // as the server formats it: two decimals, never rounded up to 100 %, "\u2014" when nothing was watched
  function pct(p) { return p === null ? '\u2014' : (Math.floor(p * 100) / 100).toFixed(2) + '%'; }

  function setText(el, cls, value) { var c = el.querySelector('.' + cls); if (c && c.textContent !== value) c.textContent = value; }

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

  function updateStrip(el, s) {
    if (!('strip' in s)) return;
    var strip = el.querySelector('.strip');
    var code = s.strip.join(',');
    if (strip.dataset.strip !== code) { strip.dataset.strip = code; drawStrip(strip, s.strip); }
  }

  // summary, generated time and the monitor nodes; false when the page must be rebuilt
  function updateCommon(data) {
    Object.keys(data.summary).forEach(function (k) {
      var n = document.getElementById('n-' + k);
      if (n) n.textContent = data.summary[k];
    });
    generated.textContent = data.generated;
    generated.dataset.now = data.now_ms;
    var ok = true;
    // monitor nodes (scale-out): state and last seen in place; a node new to the page reloads it
    (data.nodes || []).forEach(function (n) {
      var row = document.querySelector('#nodes tr[data-node="' + CSS.escape(n.id) + '"]');
      if (!row) { ok = false; return; }
      var st = row.querySelector('.nstate');
      st.className = 'nstate st ' + (n.alive ? 'UP' : 'STALE');
      st.textContent = n.alive ? 'alive' : 'gone';
      setText(row, 'nseen', n.last_seen);
      setText(row, 'nstreams', String(n.streams));
    });
    return ok;
  }

  // a full answer names every stream: one the page lacks, or one it has and the answer not, rebuilds it
  function sameSet(data, elements) {
    if (!data.full) return data.streams.every(function (s) { return elements[s.name]; });
    var left = Object.keys(elements).length;
    return data.streams.every(function (s) { return elements[s.name] && left--; }) && left === 0;
  }

  function poll(apply) {
    function refresh() {
      fetch('/api/status' + (version ? '?since=' + encodeURIComponent(version) : ''),
        { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) {
          if (r.status === 401) { window.location.href = '/login?next=/'; throw new Error('logged out'); }
          return r.json();
        })
        .then(function (data) {
          if (!updateCommon(data) || !apply(data)) { window.location.reload(); return; }
          version = data.version;
        })
        .catch(function () { /* keep showing the last data; the next tick retries */ })
        .finally(function () { setTimeout(refresh, 5000); });
    }
    setTimeout(refresh, 5000);
  }

  var wall = document.getElementById('wall');
  if (wall) { wallView(wall); return; }
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

  function update(data) {
    var byName = {};
    Array.prototype.forEach.call(tbody.rows, function (r) { byName[r.dataset.name] = r; });
    if (!sameSet(data, byName)) return false;
    data.streams.forEach(function (s) {
      var row = byName[s.name];
      if ('last_beat_ms' in s) {
        row.dataset.last = s.last_beat_ms || 0;
        row.dataset.latency = s.latency_ms === null ? -1 : s.latency_ms;
        setText(row, 'last', s.last_beat);
        setText(row, 'latency', s.latency_ms === null ? '' : s.latency_ms + ' ms');
        if (row.querySelector('.node')) setText(row, 'node', s.node || '');
      }
      if (!('status' in s)) return; // only the beat moved
      var st = row.querySelector('.st');
      st.className = 'st ' + s.status;
      st.textContent = s.status;
      setText(row, 'why', s.state_reason || '');
      setText(row, 'u24', pct(s.uptime_24h));
      setText(row, 'u7', pct(s.uptime_7d));
      setText(row, 'u30', pct(s.uptime_30d));
      setText(row, 'reason', s.reason_words);
      row.querySelector('.reason').title = s.detail + (s.failed_at ? ' (' + s.failed_at + ')' : '');
      updateStrip(row, s);
      row.querySelector('.strip').title = 'ok beats ' + s.ok_beats_24h;
    });
    applySort();
    applyFilter();
    return true;
  }
  poll(update);

  // --- the camera wall ---
  function wallView(wall) {
    var filter = document.getElementById('filter');
    var group = document.getElementById('group');
    var tiles = Array.prototype.slice.call(wall.querySelectorAll('.tile'));
    var byName = {};
    tiles.forEach(function (t) { byName[t.dataset.name] = t; });

    function age(ms) {
      var s = Math.max(0, Math.round(ms / 1000));
      return s < 120 ? s + ' s' : s < 7200 ? Math.floor(s / 60) + ' min' : Math.floor(s / 3600) + ' h';
    }
    function ages() {
      var now = Number(generated.dataset.now);
      tiles.forEach(function (t) {
        var f = Number(t.dataset.frame);
        setText(t, 'age', f > 0 ? 'picture ' + age(now - f) + ' old' : 'no picture');
      });
    }

    function applyFilter() {
      var q = filter.value.trim().toLowerCase();
      tiles.forEach(function (t) { t.hidden = q !== '' && t.textContent.toLowerCase().indexOf(q) < 0; });
      wall.querySelectorAll('.group').forEach(function (g) {
        g.hidden = !g.querySelector('.tile:not([hidden])');
      });
    }

    // tiles into one section per value of the chosen label (page order kept), or all in one flow
    function applyGroup() {
      var key = group ? group.value : '';
      wall.querySelectorAll('.group').forEach(function (g) { g.remove(); });
      if (!key) { tiles.forEach(function (t) { wall.appendChild(t); }); applyFilter(); return; }
      var sections = {}, order = [];
      tiles.forEach(function (t) {
        var l = Array.prototype.find.call(t.querySelectorAll('.lbl'), function (e) { return e.dataset.k === key; });
        var v = l ? l.textContent.slice(key.length + 2) : '';
        if (!sections[v]) {
          var sec = document.createElement('section');
          sec.className = 'group';
          var h = document.createElement('h3');
          sec.appendChild(h);
          var box = document.createElement('div');
          box.className = 'tiles';
          sec.appendChild(box);
          sections[v] = { sec: sec, box: box, h: h, n: 0 };
          order.push(v);
        }
        sections[v].box.appendChild(t);
        sections[v].n++;
      });
      order.sort(function (a, b) { return a === '' ? 1 : b === '' ? -1 : a.localeCompare(b); });
      order.forEach(function (v) {
        var s = sections[v];
        s.h.textContent = (v === '' ? 'no ' + key : key + ': ' + v) + ' (' + s.n + ')';
        wall.appendChild(s.sec);
      });
      applyFilter();
    }

    function update(data) {
      if (!sameSet(data, byName)) return false;
      data.streams.forEach(function (s) {
        var t = byName[s.name];
        if ('frame_ms' in s && s.frame_ms && String(s.frame_ms) !== t.dataset.frame) {
          // a new picture: a new URL; an unchanged one is never asked for again (and revalidates by ETag)
          t.dataset.frame = s.frame_ms;
          var img = t.querySelector('img');
          img.src = '/stream/frame.jpg?name=' + encodeURIComponent(s.name) + '&v=' + s.frame_ms;
          img.hidden = false;
        }
        if (!('status' in s)) return;
        t.className = 'tile ' + s.status;
        var st = t.querySelector('.st');
        st.className = 'st ' + s.status;
        st.textContent = s.status;
        setText(t, 'why', s.state_reason || '');
        setText(t, 'reason', s.reason_words);
        updateStrip(t, s);
      });
      ages();
      applyFilter();
      return true;
    }

    filter.addEventListener('input', applyFilter);
    if (group) group.addEventListener('change', applyGroup);
    ages();
    applyGroup();
    poll(update);
  }
})();
