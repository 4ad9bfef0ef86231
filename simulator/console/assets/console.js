// capsim QA console: plain JavaScript over the admin API (/__admin), no
// build step and nothing loaded from elsewhere. Every panel reads and writes
// through the same routes a test or a script would use.
'use strict';
(() => {
  const ADMIN = '/__admin';
  const TOKEN_KEY = 'capsim.adminToken';
  const NS_KEY = 'capsim.namespace';
  const TOKEN_HEADER = 'X-Capsim-Admin-Token';
  const NS_HEADER = 'X-Capsim-Namespace';
  const UNAVAILABLE = 'Not available in this build';
  // How often the live journal polls: ?poll=MS in the console's address
  // (100 ms to 60 s), every second unless given.
  const JOURNAL_POLL_MS = (() => {
    const ms = Number(new URLSearchParams(location.search).get('poll'));
    return Number.isInteger(ms) && ms >= 100 && ms <= 60000 ? ms : 1000;
  })();

  const $ = (sel, root = document) => root.querySelector(sel);

  // h builds an element; children are nodes or text (never parsed as HTML).
  function h(tag, attrs, ...kids) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'class') el.className = v;
      else el.setAttribute(k, v === true ? '' : v);
    }
    for (const kid of kids.flat(Infinity)) {
      if (kid == null || kid === false) continue;
      el.append(kid instanceof Node ? kid : String(kid));
    }
    return el;
  }

  // ---- status line ---------------------------------------------------------

  let statusTimer;
  function say(text, kind = 'info') {
    const el = $('#status');
    el.textContent = text;
    el.className = text ? kind : '';
    clearTimeout(statusTimer);
    if (text && kind === 'info') statusTimer = setTimeout(() => say(''), 4000);
  }
  const fail = (what) => (err) => say(`${what}: ${err.message}`, 'error');

  // ---- the admin API ---------------------------------------------------------

  class APIError extends Error {
    constructor(status, message, body) {
      super(message);
      this.status = status;
      this.body = body;
    }
  }

  function messageOf(data) {
    if (!data || typeof data !== 'object') return typeof data === 'string' ? data.trim() : '';
    const e = Array.isArray(data.errors) && data.errors[0];
    return (e && e.message) || data.error || data.message || '';
  }

  const namespace = () => $('#ns').value.trim() || 'default';

  // api calls the admin API with the token kept for this tab. When the API
  // answers 401 the page asks for the token and tries again. With ns set the
  // call names the namespace in the X-Capsim-Namespace header, as API calls
  // do.
  async function api(method, path, { query, body, ns } = {}) {
    const url = new URL(ADMIN + path, location.origin);
    for (const [k, v] of Object.entries(query || {})) {
      if (v !== '' && v != null && v !== false) url.searchParams.set(k, v);
    }
    const headers = { Accept: 'application/json' };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers[TOKEN_HEADER] = token;
    if (ns) headers[NS_HEADER] = ns;
    let payload;
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(url, { method, headers, body: payload, cache: 'no-store' });
    const text = await res.text();
    let data = text;
    try { data = text ? JSON.parse(text) : null; } catch (_) { /* not JSON: keep the text */ }
    if (res.status === 401) {
      await askToken(token ? 'That token was refused: try again.' : '');
      return api(method, path, { query, body, ns });
    }
    if (!res.ok) throw new APIError(res.status, messageOf(data) || `HTTP ${res.status}`, data);
    return data;
  }

  // ---- the token -------------------------------------------------------------

  let tokenWait = null;
  function askToken(message) {
    if (!tokenWait) {
      tokenWait = new Promise((resolve) => {
        $('#token-message').textContent = message;
        $('#token').hidden = false;
        $('#token-input').value = '';
        $('#token-input').focus();
        $('#token-form').onsubmit = (ev) => {
          ev.preventDefault();
          const t = $('#token-input').value.trim();
          if (!t) return;
          sessionStorage.setItem(TOKEN_KEY, t);
          $('#token').hidden = true;
          $('#forget-token').hidden = false;
          tokenWait = null;
          resolve();
        };
      });
    }
    return tokenWait;
  }

  // ---- panels ----------------------------------------------------------------

  // Panels whose endpoint may be missing from a build show UNAVAILABLE
  // instead of breaking: a GET that answers 404 (or 405) means the route is
  // not there.
  function setAvailable(panel, ok, path) {
    const sec = $(`#panel-${panel}`);
    const note = $('.unavailable', sec);
    note.hidden = ok;
    note.textContent = ok ? '' : `${UNAVAILABLE} (GET ${ADMIN}${path} is not served).`;
    $('.available', sec).hidden = !ok;
  }
  const missing = (err) => err instanceof APIError && (err.status === 404 || err.status === 405);

  // loadOptional reads an endpoint that another build may lack.
  async function loadOptional(panel, path, opts, render) {
    try {
      const data = await api('GET', path, opts);
      setAvailable(panel, true, path);
      render(data);
    } catch (err) {
      if (missing(err)) setAvailable(panel, false, path);
      else say(`${panel}: ${err.message}`, 'error');
    }
  }

  const text = (v) => (v == null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const statusClass = (s) => `status-${String(s || 0)[0]}`;
  const emptyRow = (cols, what) => h('tr', {}, h('td', { colspan: cols, class: 'empty' }, what));

  // renderJSON shows any JSON value readably: objects as term lists, arrays
  // of objects as tables, the rest as text. It lets panels show fields they
  // do not know of.
  function renderJSON(v) {
    if (Array.isArray(v)) {
      if (v.length && v.every((x) => x && typeof x === 'object' && !Array.isArray(x))) {
        const keys = [...new Set(v.flatMap(Object.keys))];
        return h('table', { class: 'json' },
          h('thead', {}, h('tr', {}, keys.map((k) => h('th', {}, k)))),
          h('tbody', {}, v.map((row) => h('tr', {}, keys.map((k) => h('td', {}, isScalar(row[k]) ? text(row[k]) : renderJSON(row[k])))))));
      }
      return h('span', {}, v.map(text).join(', '));
    }
    if (v && typeof v === 'object') {
      return h('dl', {}, Object.entries(v).map(([k, x]) => [h('dt', {}, k), h('dd', {}, isScalar(x) ? text(x) : renderJSON(x))]));
    }
    return h('span', {}, text(v));
  }
  const isScalar = (v) => v == null || typeof v !== 'object';

  // Customers ------------------------------------------------------------------

  const customers = { offset: 0, limit: 50, total: 0 };

  async function loadCustomers() {
    const q = $('#customer-q').value.trim();
    const page = await api('GET', '/customers', { query: { q, limit: customers.limit, offset: customers.offset, namespace: namespace() } });
    customers.total = page.total;
    const body = $('#customer-table tbody');
    body.replaceChildren(...(page.customers.length ? page.customers.map((c) => h('tr', {},
      h('td', { class: 'mono' }, c.id),
      h('td', {}, [c.firstName, c.lastName].filter(Boolean).join(' ')),
      h('td', { class: 'mono' }, c.mobile),
      h('td', {}, c.email),
      h('td', { class: 'mono' }, c.externalId),
      h('td', {}, c.mergedInto ? h('span', { class: 'muted' }, `merged into ${c.mergedInto}`) : c.loyaltyType),
      h('td', { class: 'mono' }, (c.created || '').slice(0, 10)))) : [emptyRow(7, q ? `No customer matches “${q}”.` : 'No customers.')]));
    const first = page.total ? page.offset + 1 : 0;
    const last = page.offset + page.customers.length;
    $('#customer-summary').textContent = `${first}–${last} of ${page.total} customer${page.total === 1 ? '' : 's'}` +
      `${q ? ` matching “${q}”` : ''} in namespace ${page.namespace}`;
    $('#customer-prev').disabled = page.offset === 0;
    $('#customer-next').disabled = last >= page.total;
  }

  // Journal --------------------------------------------------------------------

  const journal = { timer: null, busy: false, sig: '', selected: null, entries: [] };

  async function loadJournal() {
    if (journal.busy) return;
    journal.busy = true;
    try {
      const query = { limit: 100, path: $('#journal-path').value.trim(), status: $('#journal-status').value };
      if ($('#journal-only-ns').checked) query.namespace = namespace();
      const data = await api('GET', '/requests', { query });
      const sig = `${data.count}|${data.requests.map((e) => e.id).join(',')}`;
      $('#journal-summary').textContent = `Showing ${data.requests.length} of ${data.count} matching request${data.count === 1 ? '' : 's'}, newest first (the journal keeps the last ${data.capacity}).`;
      if (sig === journal.sig) return;
      journal.sig = sig;
      journal.entries = data.requests;
      renderJournal();
    } finally {
      journal.busy = false;
    }
  }

  function renderJournal() {
    const body = $('#journal-table tbody');
    body.replaceChildren(...(journal.entries.length ? journal.entries.map((e) => h('tr', {
      class: `clickable${e.id === journal.selected ? ' selected' : ''}`, 'data-id': e.id,
      onclick: () => { journal.selected = e.id; renderJournal(); },
    },
    h('td', { class: 'mono' }, (e.time || '').slice(11, 23)),
    h('td', {}, e.namespace),
    h('td', {}, e.method),
    h('td', { class: 'mono path' }, e.path, e.query ? h('div', { class: 'muted' }, `?${e.query}`) : null),
    h('td', { class: statusClass(e.status) }, e.status || e.fault || '—'),
    h('td', { class: 'mono' }, (e.codes || []).join(' ')),
    h('td', {}, e.operationId),
    h('td', {}, e.scenario),
    h('td', { class: 'mono' }, e.durationMs != null ? Number(e.durationMs).toFixed(1) : ''))) : [emptyRow(9, 'No requests yet: call the API and they appear here.')]));
    renderJournalDetail();
  }

  // bodyOf shows a request or response the journal kept, whatever its shape:
  // a string, or an object with a body (and headers).
  function bodyOf(v) {
    if (v == null || v === '') return null;
    const pretty = (s) => {
      if (typeof s !== 'string') return JSON.stringify(s, null, 2);
      try { return JSON.stringify(JSON.parse(s), null, 2); } catch (_) { return s; }
    };
    if (typeof v === 'object' && !Array.isArray(v) && ('body' in v || 'headers' in v)) {
      const parts = [];
      const rest = Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'body' && k !== 'headers'));
      if (Object.keys(rest).length) parts.push(renderJSON(rest));
      // Headers: an object of name to value(s), or a list of [name, value]
      // or {name, value}.
      const pairs = Array.isArray(v.headers)
        ? v.headers.map((x) => (Array.isArray(x) ? x : [x.name, x.value]))
        : Object.entries(v.headers || {});
      if (pairs.length) {
        const lines = pairs.map(([k, x]) => `${k}: ${Array.isArray(x) ? x.join(', ') : x}`);
        parts.push(h('pre', { class: 'headers' }, lines.join('\n')));
      }
      if (v.body != null && v.body !== '') parts.push(h('pre', { class: 'body' }, pretty(v.body)));
      return parts.length ? h('div', {}, parts) : null;
    }
    return h('pre', { class: 'body' }, pretty(v));
  }

  function renderJournalDetail() {
    const pane = $('#journal-detail');
    const e = journal.entries.find((x) => x.id === journal.selected);
    if (!e) {
      pane.hidden = true;
      return;
    }
    const known = new Set(['request', 'response', 'requestBody', 'responseBody']);
    const blank = (v) => v == null || v === '' || (Array.isArray(v) && !v.length);
    const facts = Object.fromEntries(Object.entries(e).filter(([k, v]) => !known.has(k) && !blank(v)));
    const req = bodyOf(e.request ?? e.requestBody);
    const res = bodyOf(e.response ?? e.responseBody);
    pane.replaceChildren(
      h('h3', {}, `${e.method} ${e.path} → `, h('span', { class: statusClass(e.status) }, e.status || e.fault || '—')),
      renderJSON(facts),
      h('h4', {}, 'Request'), req || h('p', { class: 'muted' }, 'No request body kept.'),
      h('h4', {}, 'Response'), res || h('p', { class: 'muted' }, 'No response body kept.'));
    pane.hidden = false;
  }

  function startJournal() {
    stopJournal();
    // A tab in the background does not poll.
    const tick = () => (document.hidden ? Promise.resolve() : loadJournal()).catch(fail('Journal'));
    tick();
    if ($('#journal-live').checked) journal.timer = setInterval(tick, JOURNAL_POLL_MS);
  }
  function stopJournal() {
    clearInterval(journal.timer);
    journal.timer = null;
  }

  // Scenarios ------------------------------------------------------------------

  async function loadScenarios() {
    const ns = namespace();
    const data = await api('GET', '/scenarios', { query: { namespace: ns } });
    const body = $('#scenario-table tbody');
    body.replaceChildren(...(data.scenarios.length ? data.scenarios.map((sc) => {
      const here = sc.active.namespaces.includes(ns);
      let matched = 0;
      let fired = 0;
      for (const r of sc.rules) {
        const c = (r.counters || {})[ns];
        if (c) { matched += c.matched; fired += c.fired; }
      }
      const act = (verb, scope) => () => api('POST', `/scenarios/${encodeURIComponent(sc.name)}/${verb}`, { query: { namespace: scope } })
        .then(() => { say(`${sc.name}: ${verb}d ${scope ? `in ${scope}` : 'globally'}.`); return loadScenarios(); })
        .catch(fail(sc.name));
      return h('tr', { 'data-name': sc.name },
        h('td', {}, h('strong', {}, sc.name), h('div', { class: 'description' }, sc.description)),
        h('td', {}, sc.source),
        h('td', { class: 'active' },
          sc.active.global ? h('span', { class: 'badge on' }, 'global') : null,
          sc.active.namespaces.map((n) => h('span', { class: `badge${n === ns ? ' on' : ''}` }, n)),
          !sc.active.global && !sc.active.namespaces.length ? h('span', { class: 'muted' }, 'inactive') : null),
        h('td', { class: 'mono' }, `${matched} / ${fired}`),
        h('td', {}, h('div', { class: 'bar' },
          h('button', { type: 'button', class: here ? '' : 'primary', onclick: act(here ? 'deactivate' : 'activate', ns) },
            `${here ? 'Deactivate' : 'Activate'} in ${ns}`),
          h('button', { type: 'button', onclick: act(sc.active.global ? 'deactivate' : 'activate', '') },
            sc.active.global ? 'Deactivate globally' : 'Activate globally'))));
    }) : [emptyRow(5, 'No scenarios loaded.')]));
  }

  // Clock ----------------------------------------------------------------------

  async function loadClock() {
    await loadOptional('clock', '/clock', { ns: namespace() }, showClock);
  }
  function showClock(data) {
    const now = data && typeof data === 'object' ? data.now : data;
    $('#clock-now').textContent = now || '—';
    const rest = data && typeof data === 'object' ? Object.fromEntries(Object.entries(data).filter(([k]) => k !== 'now')) : {};
    $('#clock-details').replaceChildren(...Object.entries(rest).map(([k, v]) => [h('dt', {}, k), h('dd', {}, text(v))]).flat());
    if (document.activeElement !== $('#clock-input')) $('#clock-input').value = now || '';
  }
  async function resetClock() {
    const data = await api('DELETE', '/clock', { ns: namespace() });
    say(`Clock of ${namespace()} follows the wall clock again.`);
    showClock(data);
  }
  async function putClock(body) {
    if ($('#clock-run').checked) body.run = true;
    const data = await api('PUT', '/clock', { body, ns: namespace() });
    say(`Clock of ${namespace()} is now ${data && data.now ? data.now : 'changed'}.`);
    if (data && typeof data === 'object' && data.now) showClock(data);
    else await loadClock();
  }

  // Snapshots ------------------------------------------------------------------

  // snapshotList accepts a list, or an object holding one under snapshots.
  function snapshotList(data) {
    const list = Array.isArray(data) ? data : (data && (data.snapshots || data.items)) || [];
    return list.map((s) => (typeof s === 'string' ? { name: s } : s));
  }

  async function loadSnapshots() {
    await loadOptional('snapshots', '/snapshots', { ns: namespace() }, (data) => {
      const list = snapshotList(data);
      const body = $('#snapshot-table tbody');
      body.replaceChildren(...(list.length ? list.map((s) => {
        const rest = Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'name'));
        const call = (method, suffix, done) => () => api(method, `/snapshots/${encodeURIComponent(s.name)}${suffix}`, { ns: namespace() })
          .then(() => { say(done); return loadSnapshots(); })
          .catch(fail(s.name));
        return h('tr', { 'data-name': s.name },
          h('td', {}, h('strong', {}, s.name)),
          h('td', {}, Object.keys(rest).length ? renderJSON(rest) : ''),
          h('td', {}, h('div', { class: 'bar' },
            h('button', { type: 'button', class: 'primary', onclick: call('POST', '/restore', `Restored ${s.name} into ${namespace()}.`) }, 'Restore'),
            h('button', { type: 'button', class: 'danger', onclick: call('DELETE', '', `Deleted ${s.name}.`) }, 'Delete'))));
      }) : [emptyRow(3, 'No snapshots yet.')]));
    });
  }

  // Coverage -------------------------------------------------------------------

  async function loadCoverage() {
    await loadOptional('coverage', '/coverage', { ns: namespace() }, (data) => {
      $('#coverage-body').replaceChildren(...coverageView(data));
    });
  }

  // coverageView shows the coverage report: the declared and exercised
  // operations, statuses and codes, then every operation with what its
  // calls got (natural / injected by a scenario). A report of another shape
  // is shown as it comes.
  function coverageView(rep) {
    if (!rep || typeof rep !== 'object' || !Array.isArray(rep.perOperation)) return [renderJSON(rep)];
    const kinds = ['operations', 'statuses', 'codes'].filter((k) => rep[k] && typeof rep[k] === 'object');
    const pct = (s) => (typeof s.percent === 'number' ? `${s.percent.toFixed(1)}%` : '');
    const counts = (x) => `${x.natural || 0} / ${x.injected || 0}`;
    const chip = (label, x) => h('span', { class: `badge${x.natural || x.injected ? ' on' : ''}`, title: 'natural / injected' }, `${label}: ${counts(x)}`);
    const ops = rep.perOperation;
    const used = ops.filter((o) => o.natural || o.injected).length;
    return [
      h('table', { id: 'coverage-summary' },
        h('thead', {}, h('tr', {}, h('th', {}, `Namespace ${rep.namespace || ''}`), ['declared', 'exercised', 'natural', 'injected', 'coverage'].map((k) => h('th', {}, k)))),
        h('tbody', {}, kinds.map((k) => h('tr', {}, h('td', {}, h('strong', {}, k)),
          h('td', {}, text(rep[k].declared)), h('td', {}, text(rep[k].exercised)), h('td', {}, text(rep[k].natural)),
          h('td', {}, text(rep[k].injected)), h('td', { class: 'mono' }, pct(rep[k])))))),
      h('p', { class: 'muted' }, `${used} of ${ops.length} operations called; ${rep.unmatched || 0} request(s) to no operation. Counts are natural / injected answers.`),
      h('table', { id: 'coverage-operations' },
        h('thead', {}, h('tr', {}, ['Operation', 'Method and path', 'Calls', 'Statuses', 'Codes'].map((k) => h('th', {}, k)))),
        h('tbody', {}, ops.map((o) => h('tr', { class: o.natural || o.injected ? '' : 'unused', 'data-op': o.operationId },
          h('td', {}, o.operationId),
          h('td', { class: 'mono' }, `${o.method || ''} ${o.path || ''}`),
          h('td', { class: 'mono' }, counts(o)),
          h('td', {}, (o.statuses || []).map((st) => chip(st.declared === false ? `${st.status} undeclared` : st.status, st))),
          h('td', {}, (o.codes || []).map((c) => chip(c.code, c))))))),
    ];
  }

  // listNamespaces offers the namespaces there are in the namespace box,
  // when this build lists them.
  function listNamespaces() {
    api('GET', '/namespaces').then((data) => {
      const names = ((data && data.namespaces) || []).map((n) => (typeof n === 'string' ? n : n.name));
      $('#ns-list').replaceChildren(...names.map((n) => h('option', { value: n })));
    }).catch(() => {});
  }

  // ---- tabs and wiring -------------------------------------------------------

  const panels = {
    customers: loadCustomers,
    journal: startJournal,
    scenarios: loadScenarios,
    clock: loadClock,
    snapshots: loadSnapshots,
    coverage: loadCoverage,
  };
  let current = '';

  function show(name) {
    if (!panels[name]) name = 'customers';
    if (current === 'journal' && name !== 'journal') stopJournal();
    current = name;
    for (const b of document.querySelectorAll('#tabs button')) b.classList.toggle('active', b.dataset.panel === name);
    for (const p of Object.keys(panels)) $(`#panel-${p}`).hidden = p !== name;
    if (location.hash !== `#${name}`) history.replaceState(null, '', `#${name}`);
    Promise.resolve(panels[name]()).catch(fail(name));
  }

  function wire() {
    for (const b of document.querySelectorAll('#tabs button')) b.addEventListener('click', () => show(b.dataset.panel));
    window.addEventListener('hashchange', () => show(location.hash.slice(1)));

    const ns = $('#ns');
    ns.value = sessionStorage.getItem(NS_KEY) || 'default';
    ns.addEventListener('focus', listNamespaces);
    ns.addEventListener('change', () => {
      sessionStorage.setItem(NS_KEY, namespace());
      customers.offset = 0;
      journal.sig = '';
      show(current);
    });

    $('#forget-token').hidden = !sessionStorage.getItem(TOKEN_KEY);
    $('#forget-token').addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      $('#forget-token').hidden = true;
      say('The token is forgotten.');
    });

    $('#customer-search').addEventListener('submit', (ev) => {
      ev.preventDefault();
      customers.offset = 0;
      loadCustomers().catch(fail('Customers'));
    });
    $('#customer-prev').addEventListener('click', () => {
      customers.offset = Math.max(0, customers.offset - customers.limit);
      loadCustomers().catch(fail('Customers'));
    });
    $('#customer-next').addEventListener('click', () => {
      customers.offset += customers.limit;
      loadCustomers().catch(fail('Customers'));
    });

    $('#journal-filter').addEventListener('submit', (ev) => ev.preventDefault());
    for (const id of ['#journal-live', '#journal-only-ns', '#journal-path', '#journal-status']) {
      $(id).addEventListener('change', () => { journal.sig = ''; startJournal(); });
    }
    $('#journal-clear').addEventListener('click', () => {
      const only = $('#journal-only-ns').checked;
      api('DELETE', '/requests', { query: { namespace: only ? namespace() : '' } })
        .then((r) => { say(`Cleared ${r.cleared} request${r.cleared === 1 ? '' : 's'}.`); journal.selected = null; journal.sig = ''; return loadJournal(); })
        .catch(fail('Clear journal'));
    });

    $('#scenario-reload').addEventListener('click', () => loadScenarios().catch(fail('Scenarios')));
    $('#scenario-reset').addEventListener('click', () => api('POST', '/scenarios/reset', { query: { namespace: namespace() } })
      .then(() => { say(`Scenario counters of ${namespace()} start again.`); return loadScenarios(); })
      .catch(fail('Reset counters')));

    $('#clock-set').addEventListener('submit', (ev) => {
      ev.preventDefault();
      putClock({ now: $('#clock-input').value.trim() }).catch(fail('Set time'));
    });
    $('#clock-advance').addEventListener('submit', (ev) => {
      ev.preventDefault();
      putClock({ advance: $('#clock-advance-input').value.trim() }).catch(fail('Advance'));
    });

    $('#snapshot-take').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const name = $('#snapshot-name').value.trim();
      if (!name) return;
      api('POST', `/snapshots/${encodeURIComponent(name)}`, { ns: namespace() })
        .then(() => { say(`Took snapshot ${name} of ${namespace()}.`); $('#snapshot-name').value = ''; return loadSnapshots(); })
        .catch(fail('Take snapshot'));
    });

    $('#coverage-reload').addEventListener('click', () => loadCoverage());
    $('#clock-reset').addEventListener('click', () => resetClock().catch(fail('Wall clock')));
  }

  async function start() {
    wire();
    fetch(`${ADMIN}/health`, { cache: 'no-store' }).then((r) => r.json())
      .then((hl) => { $('#version').textContent = `capsim ${hl.version}`; })
      .catch(() => {});
    show(location.hash.slice(1));
  }

  start();
})();
