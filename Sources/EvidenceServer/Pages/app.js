// EvidenceKit's pages for `evidence serve`: the shopper app (body data-page="app") and the agent
// page (data-page="agent"). No framework and no inline code (the CSP is default-src 'self'); every
// user-visible string comes from /assets/strings.json (zh and en); text is set with textContent only.
'use strict';

(() => {
  const ROLES = ['order-screenshot', 'product-photo', 'unboxing-video', 'package-photo', 'listing-screenshot',
    'merchant-info', 'chat-record', 'payment-receipt', 'invoice', 'logistics-record', 'inspection-report',
    'authentication-report', 'other'];
  const CLAIMS = ['refund', 'return-refund', 'exchange', 'price-difference', 'compensation'];
  const PLATFORMS = ['taobao', 'tmall', 'other'];
  const TEXT_FIELDS = ['order_id', 'shop', 'item', 'amount_paid'];
  const DATE_FIELDS = ['ordered_at', 'received_at', 'found_at'];
  const PERSON_FIELDS = ['name', 'phone', 'address'];
  // Facts read from the evidence (Docs/reading.md) that fill an empty case field.
  const FACT_FIELDS = [['order_number', 'order_id'], ['shop', 'shop'], ['amount_paid', 'amount_paid'],
    ['ordered_at', 'ordered_at'], ['paid_at', 'ordered_at'], ['signed_at', 'received_at']];
  const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
  // The export channels (Docs/export.md), in the order the page offers them.
  const CHANNELS = ['platform', '12315', 'association', 'court'];

  const state = {
    page: document.body.dataset.page,
    lang: 'zh',
    strings: {},
    categories: null,
    cases: null,
    id: null,
    doc: null,
    check: null,
    inspections: {},
    draft: null,
    prefilled: {},
    problems: {},
    formProblems: [],
    conflict: null,
    saved: false,
    uploads: [],
    pack: null,
    refusal: null,
    packError: null,
    packing: false,
    exports: [],
    exporting: null,
    exportRefusal: null,
    exportError: null,
    results: [],
  };

  // ---- strings -------------------------------------------------------------------------------

  function t(key, vars) {
    let s = (state.strings[state.lang] || {})[key];
    if (s === undefined) s = (state.strings.zh || {})[key];
    if (s === undefined) s = key;
    if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (vars[k] !== undefined && vars[k] !== null ? String(vars[k]) : m));
    return s;
  }

  function has(key) { return (state.strings[state.lang] || {})[key] !== undefined; }

  function pick(m) {
    if (!m) return '';
    if (typeof m === 'string') return m;
    return m[state.lang] || m.zh || m.en || '';
  }

  function errorMessage(r) {
    const e = r && r.json && r.json.error;
    if (e) {
      const text = state.lang === 'en' ? (e.message_en || e.message_zh) : (e.message_zh || e.message_en);
      if (text) return text;
    }
    if (!r || !r.status) return t('error.network');
    return t('error.http', { status: r.status });
  }

  function initialLang() {
    const q = new URLSearchParams(location.search).get('lang');
    if (q === 'zh' || q === 'en') return q;
    const attr = (document.documentElement.getAttribute('lang') || '').toLowerCase();
    if (attr.startsWith('en')) return 'en';
    if (attr.startsWith('zh')) return 'zh';
    return (navigator.language || '').toLowerCase().startsWith('en') ? 'en' : 'zh';
  }

  function applyStatic() {
    document.documentElement.setAttribute('lang', state.lang === 'zh' ? 'zh-CN' : 'en');
    document.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = t(n.dataset.i18n); });
    document.querySelectorAll('[data-i18n-label]').forEach((n) => { n.setAttribute('aria-label', t(n.dataset.i18nLabel)); });
    document.querySelectorAll('[data-lang]').forEach((b) => { b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang)); });
  }

  function setLang(lang) {
    state.lang = lang;
    const url = new URL(location.href);
    url.searchParams.set('lang', lang);
    history.replaceState(null, '', url.pathname + url.search + url.hash);
    applyStatic();
    render();
  }

  // ---- DOM -----------------------------------------------------------------------------------

  function el(tag, props, ...kids) {
    const n = document.createElement(tag);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (v === undefined || v === null || v === false) continue;
        if (k === 'class') n.className = v;
        else if (k === 'text') n.textContent = v;
        else if (k.startsWith('on')) n.addEventListener(k.slice(2), v);
        else if (k === 'value') n.value = v;
        else if (k === 'checked') n.checked = !!v;
        else n.setAttribute(k, v === true ? '' : v);
      }
    }
    for (const kid of kids.flat(Infinity)) {
      if (kid === null || kid === undefined || kid === false) continue;
      n.append(typeof kid === 'string' || typeof kid === 'number' ? document.createTextNode(String(kid)) : kid);
    }
    return n;
  }

  function setMain(...kids) {
    document.getElementById('main').replaceChildren(...kids.flat(Infinity).filter((k) => k !== null && k !== undefined && k !== false));
  }

  function announce(text) {
    const s = document.getElementById('status');
    if (s) s.textContent = text;
  }

  function section(id, title, ...kids) {
    return el('section', { class: 'panel', id, 'aria-labelledby': id + '-h' }, el('h2', { id: id + '-h', text: title }), kids);
  }

  // Replaces a section; the control that had the focus keeps it (same id in the new section).
  function replace(id, node) {
    const old = document.getElementById(id);
    if (!old) return;
    const active = document.activeElement;
    const focused = active && old.contains(active) && active.id ? active.id : null;
    old.replaceWith(node);
    if (focused) {
      const again = document.getElementById(focused);
      if (again) again.focus({ preventScroll: true });
    }
  }

  function bytes(n) {
    if (typeof n !== 'number') return '';
    if (n < 1024) return t('unit.bytes', { n });
    if (n < 1024 * 1024) return t('unit.kb', { n: (n / 1024).toFixed(1) });
    return t('unit.mb', { n: (n / 1024 / 1024).toFixed(1) });
  }

  // ---- HTTP ----------------------------------------------------------------------------------

  // body[data-pending] counts requests in flight (0 when the page has settled; the tests wait on it).
  let pending = 0;
  function track(delta) { pending += delta; document.body.dataset.pending = String(pending); }

  async function api(method, path, body, headers, alwaysJSON) {
    const opts = { method, headers: Object.assign({}, headers || {}), credentials: 'same-origin' };
    if (body !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    track(1);
    try {
      const res = await fetch(path, opts);
      let json = null;
      if (alwaysJSON || (res.headers.get('Content-Type') || '').includes('json')) {
        try { json = await res.json(); } catch (e) { json = null; }
      }
      return { status: res.status, ok: res.ok, json };
    } catch (e) {
      return { status: 0, ok: false, json: null };
    } finally {
      setTimeout(() => track(-1), 0);
    }
  }

  // A raw-body upload with progress (XMLHttpRequest reports upload progress; fetch does not).
  function upload(url, file, type, onProgress) {
    track(1);
    const done = (v) => { setTimeout(() => track(-1), 0); return v; };
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', url);
      xhr.setRequestHeader('Content-Type', type || 'application/octet-stream');
      xhr.upload.addEventListener('progress', (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); });
      xhr.addEventListener('load', () => {
        let json = null;
        try { json = JSON.parse(xhr.responseText); } catch (e) { json = null; }
        resolve(done({ status: xhr.status, ok: xhr.status >= 200 && xhr.status < 300, json }));
      });
      xhr.addEventListener('error', () => resolve(done({ status: 0, ok: false, json: null })));
      xhr.send(file);
    });
  }

  const enc = encodeURIComponent;
  const encPath = (p) => p.split('/').map(enc).join('/');
  const caseURL = (id) => '/api/v1/cases/' + enc(id);
  const fileURL = (id, name) => caseURL(id) + '/files/' + encPath(name);

  async function loadCategories() {
    if (state.categories) return;
    const r = await api('GET', '/api/v1/categories');
    state.categories = r.ok && r.json ? r.json.categories || [] : [];
  }

  function categoryLabel(id) {
    const c = (state.categories || []).find((x) => x.id === id);
    return c ? pick(c.label) : (id || '');
  }

  function roleLabel(role) { return has('role.' + role) ? t('role.' + role) : role; }
  function reqLabel(id) { return has('req.' + id) ? t('req.' + id) : id; }

  // ---- drop zone shared by both pages ---------------------------------------------------------

  function dropZone(id, labelKey, hintKey, accept, onFiles) {
    const input = el('input', { type: 'file', id, class: 'visually-hidden', multiple: true, accept });
    input.addEventListener('change', () => {
      const files = Array.from(input.files || []);
      input.value = '';
      if (files.length) onFiles(files);
    });
    const zone = el('div', { class: 'drop' },
      el('p', { class: 'drop-title', text: t(hintKey) }),
      el('label', { for: id, class: 'button', text: t(labelKey) }),
      input);
    zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('over');
      const files = Array.from((e.dataTransfer && e.dataTransfer.files) || []);
      if (files.length) onFiles(files);
    });
    return zone;
  }

  function progressRow(u) {
    const pct = Math.round((u.progress || 0) * 100);
    return el('li', { class: 'upload ' + (u.error ? 'bad' : u.done ? 'ok' : '') },
      el('span', { class: 'name', text: u.name }),
      el('progress', { max: '100', value: String(pct), 'aria-label': t('upload.progress', { name: u.name }) }),
      el('span', { class: 'upload-state', text: u.error ? u.error : u.done ? t('upload.done') : t('upload.pct', { pct }) }));
  }

  // ---- shopper app: case list -----------------------------------------------------------------

  async function showList() {
    state.id = null;
    await loadCategories();
    const r = await api('GET', '/api/v1/cases');
    state.cases = r.ok && r.json ? r.json.cases || [] : [];
    state.listError = r.ok ? null : errorMessage(r);
    render();
  }

  function firstSentence(text) {
    const m = /^(.+?[。.!?！？])(\s|$)/.exec(text || '');
    return m ? m[1] : (text || '');
  }

  function renderList() {
    const list = state.cases || [];
    const cases = list.length
      ? el('ul', { class: 'cases' }, list.map((c) => el('li', null,
        el('a', { href: '#/case/' + enc(c.id), class: 'case-link' },
          el('strong', { text: c.item || c.id }),
          el('span', { text: categoryLabel(c.category) }),
          c.order_id ? el('span', { text: t('cases.order', { order: c.order_id }) }) : null,
          c.shop ? el('span', { text: c.shop }) : null))))
      : el('p', { class: 'muted', text: t('cases.none') });
    const cards = el('ul', { class: 'cards' }, (state.categories || []).map((c) => el('li', null,
      el('button', { type: 'button', class: 'card', 'data-category': c.id, onclick: () => createCase(c.id) },
        el('strong', { text: pick(c.label) }),
        el('span', { class: 'needs', text: t('new.needs', { required: c.required, recommended: c.recommended }) }),
        el('span', { class: 'summary', text: firstSentence(pick(c.summary)) })))));
    setMain(
      el('h1', { text: t('cases.title') }),
      state.listError ? el('p', { class: 'error', role: 'alert', text: state.listError }) : null,
      section('case-list', t('cases.list'), cases),
      section('new-case', t('new.title'), el('p', { class: 'muted', text: t('new.hint') }), cards));
  }

  async function createCase(category) {
    const r = await api('POST', '/api/v1/cases', { category });
    if (r.ok && r.json && r.json.id) {
      location.hash = '#/case/' + enc(r.json.id);
    } else {
      state.listError = errorMessage(r);
      render();
    }
  }

  // ---- shopper app: one case ------------------------------------------------------------------

  async function openCase(id) {
    Object.assign(state, { id, doc: null, check: null, inspections: {}, draft: null, prefilled: {}, problems: {},
      formProblems: [], conflict: null, saved: false, uploads: [], pack: null, refusal: null, packError: null,
      exports: [], exporting: null, exportRefusal: null, exportError: null });
    await loadCategories();
    const r = await api('GET', caseURL(id));
    if (!r.ok || !r.json) {
      setMain(el('h1', { text: t('case.title') }), el('p', { class: 'error', role: 'alert', text: errorMessage(r) }),
        el('a', { href: '#/', text: t('case.back') }));
      return;
    }
    state.doc = r.json;
    state.draft = draftFrom(r.json.case || {});
    render();
    await Promise.all([refreshInspect(), refreshCheck(), refreshExports()]);
  }

  async function refreshCase() {
    const r = await api('GET', caseURL(state.id));
    if (r.ok && r.json) state.doc = r.json;
    return r;
  }

  async function refreshInspect() {
    const id = state.id;
    const r = await api('GET', caseURL(id) + '/inspect');
    if (id !== state.id || !r.json || !Array.isArray(r.json.files)) return;
    for (const item of r.json.files) {
      const name = caseFileName(item);
      if (name && !state.inspections[name]) state.inspections[name] = item;
    }
    prefill();
    renderFiles();
    renderForm();
  }

  async function refreshCheck() {
    const id = state.id;
    const r = await api('GET', caseURL(id) + '/check');
    if (id !== state.id) return;
    state.check = r.json && r.json.requirements ? r.json : null;
    state.checkError = state.check ? null : errorMessage(r);
    renderFiles();
    renderChecklist();
    renderPack();
  }

  // The inspect document names files by path; the case names them relative to its folder.
  function caseFileName(item) {
    const files = (state.doc && state.doc.files) || [];
    const p = (item.path || item.name || '').replace(/\\/g, '/');
    return files.find((f) => p === f || p.endsWith('/' + f)) || null;
  }

  function entries() { return ((state.doc && state.doc.case && state.doc.case.evidence) || []); }
  function checkFile(name) { return ((state.check && state.check.files) || []).find((f) => f.file === name) || null; }

  function caseFiles() {
    const names = ((state.doc && state.doc.files) || []).slice();
    for (const e of entries()) if (!names.includes(e.file)) names.push(e.file);
    return names;
  }

  function render() {
    applyStatic();
    if (state.page === 'agent') { renderAgent(); return; }
    if (!state.id) { renderList(); return; }
    if (!state.doc) return;
    const c = state.doc.case || {};
    setMain(
      el('p', null, el('a', { href: '#/', text: t('case.back') })),
      el('h1', { text: t('case.heading', { category: categoryLabel(c.category), id: state.doc.id }) }),
      el('div', { class: 'columns' },
        el('div', { class: 'col' }, el('div', { id: 'files' }), el('div', { id: 'checklist' })),
        el('div', { class: 'col' }, el('div', { id: 'details' }), el('div', { id: 'pack' }), el('div', { id: 'export' }))));
    renderFiles();
    renderChecklist();
    renderForm();
    renderPack();
    renderExports();
  }

  // ---- files ---------------------------------------------------------------------------------

  async function addFiles(files) {
    const id = state.id;
    const batch = files.map((f) => ({ name: f.name, file: f, progress: 0, done: false, error: null }));
    state.uploads.push(...batch);
    renderFiles();
    for (const u of batch) {
      const url = caseURL(id) + '/files?name=' + enc(u.name);
      const r = await upload(url, u.file, u.file.type, (p) => { u.progress = p; updateProgress(u); });
      if (id !== state.id) return;
      if (r.ok && r.json && r.json.file) {
        u.done = true;
        u.progress = 1;
        u.stored = r.json.file;
        if (r.json.inspection) state.inspections[r.json.file] = r.json.inspection;
        announce(t('upload.stored', { name: r.json.file }));
      } else {
        u.error = errorMessage(r);
        announce(u.error);
      }
      updateProgress(u);
    }
    await refreshCase();
    await addMissingEntries();
    prefill();
    renderFiles();
    renderForm();
    await refreshCheck();
    state.uploads = state.uploads.filter((u) => !batch.includes(u) || u.error);
    renderFiles();
  }

  function updateProgress(u) {
    const rows = document.querySelectorAll('#uploads li');
    const i = state.uploads.indexOf(u);
    if (rows[i]) rows[i].replaceWith(progressRow(u));
  }

  // Every uploaded file gets an entry in the case's evidence list, with the role its content
  // suggests; the shopper changes it with the select.
  async function addMissingEntries() {
    const listed = new Set(entries().map((e) => e.file));
    const added = ((state.doc && state.doc.files) || []).filter((f) => !listed.has(f)).map((f) => {
      const insp = state.inspections[f];
      return { file: f, role: (insp && insp.suggested_role) || 'other' };
    });
    if (added.length) await saveEvidence((list) => list.concat(added));
  }

  async function saveEvidence(change) {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const c = Object.assign({}, state.doc.case);
      c.evidence = change(entries().map((e) => Object.assign({}, e)));
      const r = await api('PUT', caseURL(state.id), { case: c }, { 'If-Match': state.doc.version });
      if (r.ok && r.json) { state.doc = r.json; return r; }
      if (r.status === 409) { await refreshCase(); continue; }
      announce(errorMessage(r));
      return r;
    }
    return null;
  }

  async function changeRole(name, role) {
    const r = await saveEvidence((list) => {
      const e = list.find((x) => x.file === name);
      if (e) e.role = role; else list.push({ file: name, role });
      return list;
    });
    if (r && r.ok) announce(t('files.roleSaved', { name, role: roleLabel(role) }));
    renderFiles();
    await refreshCheck();
  }

  async function removeFile(name) {
    const r = await api('DELETE', fileURL(state.id, name));
    if (!r.ok) { announce(errorMessage(r)); return; }
    delete state.inspections[name];
    await refreshCase();
    if (entries().some((e) => e.file === name)) await saveEvidence((list) => list.filter((e) => e.file !== name));
    announce(t('files.removed', { name }));
    renderFiles();
    await refreshCheck();
  }

  function statusOf(insp, chk) { return (insp && insp.status) || (chk && chk.status) || 'unknown'; }

  function fileCard(name) {
    const insp = state.inspections[name] || null;
    const chk = checkFile(name);
    const entry = entries().find((e) => e.file === name);
    const mime = (insp && insp.mime_type) || (chk && chk.mime_type) || '';
    const status = statusOf(insp, chk);
    const meta = (insp && insp.metadata) || {};
    const capture = meta.capture_time || (chk && chk.capture_time);
    const findings = (insp && insp.findings) || (chk && chk.findings) || [];
    const assess = insp && insp.role_assessment;
    const role = (entry && entry.role) || (chk && chk.role) || (insp && insp.suggested_role) || 'other';
    const selectId = 'role-' + name.replace(/[^A-Za-z0-9_-]/g, (ch) => '_' + ch.charCodeAt(0).toString(16));
    const select = el('select', { id: selectId, 'data-file': name, onchange: (e) => changeRole(name, e.target.value) },
      ROLES.map((r) => el('option', { value: r, selected: r === role ? true : null, text: roleLabel(r) })));
    const thumb = IMAGE_TYPES.includes(mime) && status === 'ok'
      ? el('img', { class: 'thumb', src: fileURL(state.id, name), alt: t('files.thumb', { name }), loading: 'lazy' })
      : el('div', { class: 'thumb none', 'aria-hidden': 'true', text: t('kind.' + ((insp && insp.kind) || (chk && chk.kind) || 'other')) });
    const reason = assess
      ? t('files.reason', { basis: t('basis.' + assess.basis), cues: (assess.cues || []).join(t('list.sep')) || t('files.noCues') })
      : null;
    const counts = chk && chk.counts === false && chk.message ? pick(chk.message) : null;
    return el('li', { class: 'file status-' + status, 'data-file': name },
      thumb,
      el('div', { class: 'file-body' },
        el('h3', { class: 'file-name', text: name }),
        el('dl', { class: 'facts' },
          el('dt', { text: t('files.type') }), el('dd', { text: mime ? t('files.typeValue', { mime, size: bytes((insp && insp.size) || (chk && chk.size)) }) : t('files.pending') }),
          el('dt', { text: t('files.integrity') }), el('dd', { class: 'verdict ' + status, text: t('status.' + status) }),
          capture ? [el('dt', { text: t('files.captured') }), el('dd', { text: capture.replace('T', ' ') })] : null),
        el('div', { class: 'role' }, el('label', { for: selectId, text: t('files.role') }), select),
        reason ? el('p', { class: 'reason', text: reason }) : null,
        counts ? el('p', { class: 'warn', text: counts }) : null,
        findings.length ? el('ul', { class: 'findings' }, findings.map((f) => el('li', { class: 'finding ' + (f.severity || ''), 'data-code': f.code || '' },
          el('span', { class: 'sev', text: t('severity.' + (f.severity || 'info')) }), ' ', pick(f.message)))) : null,
        el('button', { type: 'button', class: 'link', onclick: () => removeFile(name), text: t('files.remove') })));
  }

  function renderFiles() {
    if (!document.getElementById('files')) return;
    const names = caseFiles();
    const node = section('files', t('files.title'),
      dropZone('file-input', 'files.pick', 'files.drop', null, addFiles),
      el('ul', { id: 'uploads', class: 'uploads' }, state.uploads.map(progressRow)),
      names.length ? el('ul', { class: 'files' }, names.map(fileCard)) : el('p', { class: 'muted', text: t('files.none') }));
    replace('files', node);
  }

  // ---- checklist and deadlines ------------------------------------------------------------------

  function renderChecklist() {
    if (!document.getElementById('checklist')) return;
    const c = state.check;
    if (!c) {
      replace('checklist', section('checklist', t('check.title'),
        el('p', { class: state.checkError ? 'error' : 'muted', text: state.checkError || t('check.loading') })));
      return;
    }
    const complete = c.status === 'complete';
    const reqs = el('ul', { class: 'reqs' }, (c.requirements || []).map((r) => {
      const roles = [];
      for (const o of r.options || []) roles.push((o.terms || []).map((term) => roleLabel(term.role)).join(t('list.and')));
      return el('li', { class: 'req ' + (r.satisfied ? 'ok' : 'missing') + ' ' + r.level, 'data-requirement': r.id },
        el('div', { class: 'req-head' },
          el('span', { class: 'mark', 'aria-hidden': 'true', text: r.satisfied ? '✓' : '✗' }),
          el('span', { class: 'visually-hidden', text: r.satisfied ? t('check.met') : t('check.notMet') }),
          el('strong', { text: reqLabel(r.id) }),
          el('span', { class: 'badge ' + r.level, text: t('level.' + r.level) })),
        el('p', { class: 'needs', text: t('check.roles', { roles: roles.join(t('check.or')) }) }),
        r.satisfied && (r.satisfied_by || []).length ? el('p', { class: 'by', text: t('check.by', { files: r.satisfied_by.join(t('list.sep')) }) }) : null,
        el('details', null, el('summary', { text: t('check.more') }),
          el('p', null, el('strong', { text: t('check.why') }), ' ', pick(r.reason)),
          el('p', null, el('strong', { text: t('check.how') }), ' ', pick(r.advice)),
          el('p', { class: 'cite' }, el('strong', { text: t('check.citation') }), ' ', pick(r.citation))));
    }));
    const advice = (c.time_advice || []).map((a) => el('li', { class: 'advice ' + (a.severity || ''), 'data-code': a.code },
      a.date ? el('strong', { text: t('time.date', { date: a.date }) }) : null, ' ', pick(a.message),
      a.citation ? el('span', { class: 'cite', text: ' ' + t('time.cite', { citation: pick(a.citation) }) }) : null));
    const warnings = [].concat(c.evidence_warnings || [], c.case_warnings || []).map((w) =>
      el('li', { class: 'warning', 'data-code': w.code }, pick(w.message)));
    replace('checklist', section('checklist', t('check.title'),
      el('p', { class: 'overall ' + (complete ? 'ok' : 'missing'), id: 'overall', text: complete ? t('check.complete') : t('check.incomplete') }),
      reqs,
      el('h3', { text: t('time.title') }),
      advice.length ? el('ul', { class: 'advices' }, advice) : el('p', { class: 'muted', text: t('time.none') }),
      warnings.length ? [el('h3', { text: t('warnings.title') }), el('ul', { class: 'warnings' }, warnings)] : null));
  }

  // ---- case details form -------------------------------------------------------------------------

  function draftFrom(c) {
    const d = {};
    for (const f of TEXT_FIELDS.concat(DATE_FIELDS, ['claim', 'platform', 'description'])) d[f] = c[f] === undefined || c[f] === null ? '' : String(c[f]);
    d.durable = c.durable === true;
    const p = c.complainant || {};
    for (const f of PERSON_FIELDS) d['complainant.' + f] = p[f] ? String(p[f]) : '';
    return d;
  }

  // Fills empty fields from the facts the evidence shows, naming the file they were read from.
  function prefill() {
    if (!state.draft) return;
    for (const [kind, field] of FACT_FIELDS) {
      if (state.draft[field] || state.prefilled[field]) continue;
      for (const [name, insp] of Object.entries(state.inspections)) {
        if (/(^|\/)case\.(ya?ml|json)$/.test(name)) continue;
        const fact = ((insp.reading && insp.reading.facts) || []).find((f) => f.kind === kind);
        if (!fact) continue;
        state.draft[field] = DATE_FIELDS.includes(field) ? fact.value.slice(0, 10) : fact.value;
        state.prefilled[field] = name;
        break;
      }
    }
  }

  function fieldRow(field, control, labelKey) {
    const problems = state.problems[field] || [];
    const from = state.prefilled[field];
    const other = state.conflict ? state.conflict.fields[field] : undefined;
    const descIds = [];
    if (problems.length) descIds.push('p-' + field);
    if (from) descIds.push('f-' + field);
    if (descIds.length) control.setAttribute('aria-describedby', descIds.join(' '));
    if (problems.length) control.setAttribute('aria-invalid', 'true');
    return el('div', { class: 'field' + (problems.length ? ' invalid' : '') + (from ? ' prefilled' : ''), 'data-field': field },
      el('label', { for: 'f-input-' + field.replace('.', '-'), text: t(labelKey || 'field.' + field) }),
      control,
      from ? el('p', { class: 'from', id: 'f-' + field, text: t('form.readFrom', { file: from }) }) : null,
      other !== undefined ? el('p', { class: 'theirs', text: t('form.theirs', { value: other === '' ? t('form.empty') : other }) }) : null,
      problems.length ? el('p', { class: 'problem', id: 'p-' + field, role: 'alert', text: problems.join(' ') }) : null);
  }

  function input(field, attrs) {
    return el('input', Object.assign({ id: 'f-input-' + field.replace('.', '-'), name: field, value: state.draft[field] || '',
      oninput: (e) => { state.draft[field] = e.target.value; delete state.prefilled[field]; state.saved = false; } }, attrs || {}));
  }

  function choice(field, values, prefix) {
    return el('select', { id: 'f-input-' + field, name: field, onchange: (e) => { state.draft[field] = e.target.value; state.saved = false; } },
      el('option', { value: '', text: t('form.choose') }),
      values.map((v) => el('option', { value: v, selected: state.draft[field] === v ? true : null, text: t(prefix + v) })));
  }

  function renderForm() {
    if (!document.getElementById('details') || !state.draft) return;
    const rows = [
      fieldRow('order_id', input('order_id', { inputmode: 'numeric', autocomplete: 'off' })),
      fieldRow('shop', input('shop')),
      fieldRow('item', input('item')),
      fieldRow('amount_paid', input('amount_paid', { inputmode: 'decimal' })),
      DATE_FIELDS.map((f) => fieldRow(f, input(f, { type: 'date' }))),
      fieldRow('platform', choice('platform', PLATFORMS, 'platform.')),
      fieldRow('claim', choice('claim', CLAIMS, 'claim.')),
      fieldRow('description', el('textarea', { id: 'f-input-description', name: 'description', rows: '4', value: state.draft.description,
        oninput: (e) => { state.draft.description = e.target.value; state.saved = false; } })),
      el('div', { class: 'field check' },
        el('input', { type: 'checkbox', id: 'f-input-durable', checked: state.draft.durable, onchange: (e) => { state.draft.durable = e.target.checked; } }),
        el('label', { for: 'f-input-durable', text: t('field.durable') })),
      el('fieldset', null, el('legend', { text: t('field.complainant') }),
        el('p', { class: 'muted', text: t('field.complainantHint') }),
        PERSON_FIELDS.map((f) => fieldRow('complainant.' + f, input('complainant.' + f, { autocomplete: f === 'phone' ? 'tel' : f === 'name' ? 'name' : 'address-line1' })))),
    ];
    const conflict = state.conflict ? el('div', { class: 'conflict', role: 'alert', id: 'conflict' },
      el('p', { text: t('form.conflict') }),
      el('button', { type: 'button', class: 'secondary', onclick: useTheirs, text: t('form.useTheirs') })) : null;
    const form = el('form', { id: 'case-form', novalidate: true, onsubmit: (e) => { e.preventDefault(); saveForm(); } },
      conflict,
      state.formProblems.length ? el('ul', { class: 'problems', role: 'alert' }, state.formProblems.map((p) => el('li', { text: p }))) : null,
      rows,
      el('div', { class: 'actions' },
        el('button', { type: 'submit', id: 'save', text: t('form.save') }),
        state.saved ? el('span', { class: 'saved', role: 'status', text: t('form.saved') }) : null));
    replace('details', section('details', t('form.title'), el('p', { class: 'muted', text: t('form.hint') }), form));
  }

  function caseFromDraft(base) {
    const c = Object.assign({}, base);
    const d = state.draft;
    for (const f of TEXT_FIELDS.concat(DATE_FIELDS, ['claim', 'platform', 'description'])) {
      const v = (d[f] || '').trim();
      if (v) c[f] = v; else delete c[f];
    }
    if (d.durable) c.durable = true; else delete c.durable;
    const person = {};
    for (const f of PERSON_FIELDS) { const v = (d['complainant.' + f] || '').trim(); if (v) person[f] = v; }
    if (Object.keys(person).length) c.complainant = person; else delete c.complainant;
    return c;
  }

  function problemField(p) {
    const loc = p.location || {};
    const f = loc.field || p.field || '';
    return f;
  }

  async function saveForm() {
    const r = await api('PUT', caseURL(state.id), { case: caseFromDraft(state.doc.case || {}) }, { 'If-Match': state.doc.version });
    state.problems = {};
    state.formProblems = [];
    if (r.ok && r.json) {
      state.doc = r.json;
      state.conflict = null;
      state.prefilled = {};
      state.draft = draftFrom(r.json.case || {});
      state.saved = true;
      announce(t('form.saved'));
      renderForm();
      await refreshCheck();
      return;
    }
    if (r.status === 409) {
      // Another tab saved first: load its version, keep what this one typed, show both.
      const mine = Object.assign({}, state.draft);
      await refreshCase();
      const theirs = draftFrom(state.doc.case || {});
      const fields = {};
      for (const k of Object.keys(mine)) if (k !== 'durable' && mine[k] !== theirs[k]) fields[k] = theirs[k];
      state.conflict = { theirs, fields };
      state.draft = mine;
      announce(t('form.conflict'));
      renderForm();
      refreshCheck();
      return;
    }
    const problems = (r.json && (r.json.problems || (r.json.error && r.json.error.problems))) || [];
    if (r.status === 422 && problems.length) {
      for (const p of problems) {
        const f = problemField(p);
        const text = pick(p.message) || p.code;
        if (f && document.querySelector('[data-field="' + CSS.escape(f) + '"]')) (state.problems[f] = state.problems[f] || []).push(text);
        else state.formProblems.push(text);
      }
    } else {
      state.formProblems.push(errorMessage(r));
    }
    announce(t('form.notSaved'));
    renderForm();
  }

  function useTheirs() {
    if (!state.conflict) return;
    state.draft = state.conflict.theirs;
    state.conflict = null;
    state.prefilled = {};
    renderForm();
  }

  // ---- pack ----------------------------------------------------------------------------------

  function missingFrom(r) {
    const j = r.json || {};
    const e = j.error || {};
    const list = j.missing_required || e.missing_required || e.missing || j.missing ||
      (j.completeness && j.completeness.missing_required) || (e.completeness && e.completeness.missing_required) ||
      (state.check && state.check.completeness && state.check.completeness.missing_required) || [];
    return list;
  }

  async function pack(force) {
    state.packing = true;
    state.packError = null;
    if (force) state.refusal = null;
    renderPack();
    // Unsaved details go into the bundle too.
    if (!state.saved && state.draft && JSON.stringify(caseFromDraft(state.doc.case || {})) !== JSON.stringify(state.doc.case || {})) await saveForm();
    const r = await api('POST', caseURL(state.id) + '/pack', { force: !!force, format: 'zip' });
    state.packing = false;
    if (r.ok && r.json) {
      state.pack = r.json;
      state.refusal = null;
      announce(t('pack.done'));
      renderPack();
      renderExports();
      download();
      return;
    }
    if (r.status === 409) {
      state.refusal = { missing: missingFrom(r), message: errorMessage(r) };
      announce(t('pack.refused'));
    } else {
      state.packError = errorMessage(r);
      announce(state.packError);
    }
    renderPack();
  }

  function download() {
    const a = el('a', { href: caseURL(state.id) + '/bundle', download: '' });
    document.body.append(a);
    a.click();
    a.remove();
    window.open(caseURL(state.id) + '/bundle/index.html', '_blank', 'noopener');
  }

  // The required evidence a refusal names: each requirement, the roles that would meet it, the advice.
  function missingList(missing) {
    return el('ul', null, missing.map((m) => el('li', { 'data-requirement': m.requirement || m.id || '' },
      el('strong', { text: reqLabel(m.requirement || m.id) }),
      t('pack.missingRoles', { roles: (m.roles || []).map(roleLabel).join(t('check.or')) }), pick(m.advice))));
  }

  function renderPack() {
    if (!document.getElementById('pack')) return;
    const kids = [el('p', { class: 'muted', text: t('pack.hint') }),
      el('button', { type: 'button', id: 'pack-button', disabled: state.packing ? true : null, onclick: () => pack(false),
        text: state.packing ? t('pack.working') : t('pack.button') })];
    if (state.refusal) {
      kids.push(el('div', { class: 'refusal', role: 'alert', id: 'pack-refusal' },
        el('p', { text: t('pack.refused') }),
        missingList(state.refusal.missing),
        el('button', { type: 'button', id: 'pack-anyway', class: 'secondary', onclick: () => pack(true), text: t('pack.anyway') })));
    }
    if (state.packError) kids.push(el('p', { class: 'error', role: 'alert', text: state.packError }));
    const p = state.pack;
    if (p) {
      kids.push(el('div', { class: 'packed', id: 'pack-result' },
        el('p', { class: 'ok', text: t(p.verdict === 'complete' ? 'pack.doneComplete' : 'pack.doneIncomplete', { items: p.item_count, size: bytes(p.bundle_bytes) }) }),
        el('p', null,
          el('a', { href: caseURL(state.id) + '/bundle', download: '', id: 'bundle-link', class: 'button', text: t('pack.download') }), ' ',
          el('a', { href: caseURL(state.id) + '/bundle/index.html', target: '_blank', rel: 'noopener', id: 'index-link', class: 'button secondary', text: t('pack.index') })),
        el('p', null, el('strong', { text: t('pack.digest') })),
        el('p', null, el('code', { class: 'digest', id: 'digest', text: p.tag_manifest_sha256 || '' })),
        el('p', { class: 'muted', text: t('pack.digestWhat') }),
        ((p.disclosure && p.disclosure.locations) || []).map((l) => el('p', { class: 'warn' }, t('pack.location', { file: l.file }), ' ', pick(l.advice)))));
    }
    replace('pack', section('pack', t('pack.title'), kids));
  }

  // ---- export --------------------------------------------------------------------------------

  const exportURL = (id, exportID) => caseURL(id) + '/exports/' + enc(exportID);

  async function refreshExports() {
    const id = state.id;
    const r = await api('GET', caseURL(id) + '/exports');
    if (id !== state.id) return;
    state.exports = (r.ok && r.json && r.json.exports) || [];
    renderExports();
  }

  async function exportFor(channel, force) {
    state.exporting = channel;
    state.exportError = null;
    state.exportRefusal = null;
    renderExports();
    announce(t('export.working'));
    const r = await api('POST', caseURL(state.id) + '/exports', { channel, force: !!force });
    state.exporting = null;
    if (r.ok && r.json && r.json.report) {
      state.exports = [r.json].concat(state.exports.filter((e) => e.id !== r.json.id));
      announce(t('export.done', { channel: t('export.channel.' + channel), count: (r.json.report.files || []).length }));
    } else if (r.status === 409) {
      state.exportRefusal = { channel, missing: missingFrom(r) };
      announce(t('export.refused'));
    } else {
      state.exportError = errorMessage(r);
      announce(state.exportError);
    }
    renderExports();
    const focus = document.getElementById(state.exportRefusal ? 'export-anyway' : 'export-result');
    if (focus) focus.focus({ preventScroll: false });
  }

  function exportFileItem(e, f) {
    const meta = [bytes(f.size)];
    if (f.width && f.height) meta.push(f.width + '×' + f.height);
    if (f.pages) meta.push(t('export.pages', { n: f.pages }));
    return el('li', { class: 'export-file', 'data-file': f.name },
      el('a', { href: exportURL(state.id, e.id) + '/files/' + enc(f.name), download: f.name, class: 'export-link', text: f.name }),
      ' ', el('span', { class: 'muted', text: t('export.meta', { meta: meta.join(t('export.metaSep')) }) }));
  }

  // One export: its files with download links, the zip, and what the channel will not take as it is.
  function exportBlock(e, latest) {
    const report = e.report || {};
    const findings = report.findings || [];
    return el('div', { class: 'exported', id: latest ? 'export-result' : null, 'data-export': e.id, 'data-channel': report.channel,
      tabindex: latest ? '-1' : null },
      el(latest ? 'p' : 'h3', { class: latest ? 'ok' : null, text: t('export.done', { channel: t('export.channel.' + report.channel), count: (report.files || []).length }) }),
      el('p', { class: 'muted', text: t(report.source_kind === 'bundle' ? 'export.fromBundle' : 'export.fromCase') + ' · ' +
        (e.created_at || '').replace('T', ' ').replace('Z', ' UTC') }),
      el('ul', { class: 'export-files' }, (report.files || []).map((f) => exportFileItem(e, f))),
      el('p', null, el('a', { href: exportURL(state.id, e.id) + '/zip', download: '', class: 'button secondary export-zip', text: t('export.zip') })),
      findings.length ? el('div', { class: 'export-findings' }, el('p', null, el('strong', { text: t('export.warnings') })),
        el('ul', null, findings.map((f) => el('li', { class: 'warn', 'data-code': f.code || '' }, pick(f.message))))) : null);
  }

  function renderExports() {
    if (!document.getElementById('export')) return;
    const busy = state.exporting !== null;
    // A bundle packed in this page load, else one from an earlier session (the case API's latest_bundle).
    const earlierBundle = !state.pack && state.doc && state.doc.latest_bundle;
    const hint = state.pack ? t('export.hintPacked') : earlierBundle
      ? t('export.hintEarlierBundle', { name: earlierBundle.name, time: (earlierBundle.packed_at || '').replace('T', ' ').replace('Z', ' UTC') })
      : t('export.hint');
    const kids = [el('p', { class: 'muted', id: 'export-hint', text: hint }),
      el('ul', { class: 'channels' }, CHANNELS.map((ch) => el('li', null,
        el('button', { type: 'button', id: 'export-' + ch, class: 'secondary', 'data-channel': ch, disabled: busy ? true : null,
          'aria-describedby': 'export-' + ch + '-hint', onclick: () => exportFor(ch, false),
          text: state.exporting === ch ? t('export.working') : t('export.channel.' + ch) }),
        el('p', { id: 'export-' + ch + '-hint', class: 'muted hint', text: t('export.hint.' + ch) }))))];
    if (state.exportRefusal) {
      const ch = state.exportRefusal.channel;
      kids.push(el('div', { class: 'refusal', role: 'alert', id: 'export-refusal' },
        el('p', { text: t('export.refused') }),
        missingList(state.exportRefusal.missing),
        el('button', { type: 'button', id: 'export-anyway', class: 'secondary', onclick: () => exportFor(ch, true), text: t('export.anyway') })));
    }
    if (state.exportError) kids.push(el('p', { class: 'error', role: 'alert', text: state.exportError }));
    const [latest, ...earlier] = state.exports;
    if (latest) kids.push(exportBlock(latest, true));
    if (earlier.length) {
      kids.push(el('details', { class: 'earlier' }, el('summary', { text: t('export.earlier', { count: earlier.length }) }),
        earlier.map((e) => exportBlock(e, false))));
    }
    const node = section('export', t('export.title'), kids);
    node.setAttribute('aria-busy', String(busy));
    replace('export', node);
  }

  // ---- agent page ------------------------------------------------------------------------------

  function verdictOf(report) {
    if (report.verdict) return report.verdict;
    const s = report.status;
    if (s === 'valid-complete' || s === 'valid-bag') return 'valid';
    if (s === 'valid-incomplete' || s === 'valid-holey') return 'incomplete';
    if (s === 'unreadable') return 'refused';
    const codes = (report.problems || []).map((p) => p.code || '');
    if (!report.bag || codes.some((c) => c.startsWith('safety.') || c.startsWith('limit') || c.startsWith('archive.'))) return 'refused';
    return 'tampered';
  }

  async function verifyFiles(files) {
    await loadCategories();
    const batch = files.map((f) => ({ name: f.name, file: f, progress: 0, done: false, error: null, report: null }));
    state.results = batch.concat(state.results);
    renderAgent();
    for (const u of batch) {
      const type = /\.(tar\.gz|tgz|gz)$/i.test(u.name) ? 'application/gzip' : 'application/zip';
      const r = await upload('/api/v1/verify?name=' + enc(u.name), u.file, type, (p) => { u.progress = p; renderAgent(); });
      u.done = true;
      if (r.ok && r.json) {
        u.id = r.json.id;
        const doc = r.json.report || {};
        u.report = Array.isArray(doc.bundles) ? doc.bundles[0] || doc : doc;
        u.verdict = verdictOf(u.report);
        announce(t('agent.announce', { name: u.name, verdict: t('verdict.' + u.verdict) }));
        if (u.report.bag && u.verdict !== 'refused') await loadEvidence(u);
      } else {
        u.error = errorMessage(r);
        announce(u.error);
      }
      renderAgent();
    }
  }

  function entryURL(u, path) { return '/api/v1/verifications/' + enc(u.id) + '/entries/' + encPath(path); }

  async function loadEvidence(u) {
    if (Array.isArray(u.report.entries)) { u.items = u.report.entries; return; }
    // evidence.json is a tag file of the bag, served as bytes (not as a JSON response).
    const r = await api('GET', entryURL(u, 'evidence.json'), undefined, undefined, true);
    if (r.ok && r.json) { u.items = r.json.items || []; u.caseInfo = r.json.case || null; }
  }

  function resultCard(u) {
    if (!u.done || (!u.report && !u.error)) return el('li', { class: 'result' }, progressRow(u));
    if (u.error) return el('li', { class: 'result bad' }, el('h2', { text: u.name }), el('p', { class: 'error', role: 'alert', text: u.error }));
    const rep = u.report;
    const ev = rep.evidence || {};
    const c = u.caseInfo || {};
    const summary = [
      ['agent.category', ev.category ? categoryLabel(ev.category) : c.category && categoryLabel(c.category)],
      ['agent.order', ev.order_id || c.order_id], ['agent.shop', c.shop], ['agent.item', c.item],
      ['agent.amount', c.amount_paid], ['agent.items', ev.items],
      ['agent.completeness', ev.recomputed ? t('completeness.' + ev.recomputed.status) : null],
      ['agent.digest', rep.bag && rep.bag.tag_manifest_sha256],
    ].filter(([, v]) => v !== undefined && v !== null && v !== '');
    return el('li', { class: 'result verdict-' + u.verdict, 'data-verdict': u.verdict },
      el('h2', { text: u.name }),
      el('p', { class: 'big-verdict ' + u.verdict, text: t('verdict.' + u.verdict) }),
      el('p', { class: 'muted', text: t('verdict.' + u.verdict + '.what') }),
      (rep.problems || []).length
        ? [el('h3', { text: t('agent.problems') }), el('ul', { class: 'problems' }, rep.problems.map((p) => el('li', { class: 'problem-item ' + (p.severity || ''), 'data-code': p.code },
          el('span', { class: 'sev', text: t('severity.' + (p.severity || 'error')) }), ' ', pick(p.message))))]
        : el('p', { class: 'ok', text: t('agent.noProblems') }),
      summary.length ? [el('h3', { text: t('agent.summary') }), el('dl', { class: 'facts' }, summary.map(([k, v]) => [el('dt', { text: t(k) }), el('dd', { text: String(v) })]))] : null,
      (u.items || []).length ? [el('h3', { text: t('agent.evidence') }), el('ul', { class: 'files' }, u.items.map((it) => evidenceItem(u, it)))] : null);
  }

  function evidenceItem(u, it) {
    const path = (it.path || '').replace(/^data\//, 'data/');
    const mime = it.mime_type || '';
    const status = (it.checks && it.checks.status) || 'ok';
    const name = it.original_name || path;
    const preview = IMAGE_TYPES.includes(mime) && u.verdict !== 'tampered'
      ? el('img', { class: 'thumb', src: entryURL(u, path), alt: t('files.thumb', { name }), loading: 'lazy' })
      : el('div', { class: 'thumb none', 'aria-hidden': 'true', text: t('kind.' + ((it.checks && it.checks.kind) || 'other')) });
    return el('li', { class: 'file' }, preview,
      el('div', { class: 'file-body' },
        el('h3', { class: 'file-name', text: name }),
        el('dl', { class: 'facts' },
          el('dt', { text: t('files.role') }), el('dd', { text: roleLabel(it.role) }),
          el('dt', { text: t('files.type') }), el('dd', { text: t('files.typeValue', { mime, size: bytes(it.size) }) }),
          el('dt', { text: t('files.integrity') }), el('dd', { class: 'verdict ' + status, text: t('status.' + status) })),
        el('a', { href: entryURL(u, path), target: '_blank', rel: 'noopener', text: t('agent.open') })));
  }

  function renderAgent() {
    setMain(
      el('h1', { text: t('agent.h1') }),
      el('p', { class: 'muted', text: t('agent.intro') }),
      dropZone('bundle-input', 'agent.pick', 'agent.drop', '.zip,.tar.gz,.tgz,application/zip,application/gzip', verifyFiles),
      el('ul', { class: 'results', id: 'results' }, state.results.map(resultCard)));
  }

  // ---- start ---------------------------------------------------------------------------------

  function route() {
    const m = /^#\/case\/(.+)$/.exec(location.hash);
    if (m) openCase(decodeURIComponent(m[1])); else showList();
  }

  async function start() {
    state.lang = initialLang();
    const r = await api('GET', '/assets/strings.json');
    state.strings = (r.ok && r.json) || {};
    document.querySelectorAll('[data-lang]').forEach((b) => b.addEventListener('click', () => setLang(b.dataset.lang)));
    applyStatic();
    if (state.page === 'agent') { await loadCategories(); renderAgent(); return; }
    window.addEventListener('hashchange', route);
    route();
  }

  start();
})();
