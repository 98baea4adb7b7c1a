import { createHash } from 'node:crypto';

/**
 * `GET /office`: one page over the back-office API, for a person to move cases along without any
 * other tool. No framework and no build step: plain DOM calls in one inline script, which the page's
 * CSP allows by its hash and nothing else may run. The office token is typed once and kept in
 * sessionStorage for the tab. Everything shown is set with textContent, never innerHTML, so case
 * data cannot inject markup.
 */
const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>一窗通 后台 · OneWindow back office</title>
<style>
  body { font: 14px/1.5 system-ui, "Noto Sans CJK SC", sans-serif; margin: 1.5rem; color: #222; }
  h1 { font-size: 1.3rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
  table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid #ddd; padding: .3rem .5rem; text-align: left; vertical-align: top; }
  input, select, button { font: inherit; margin: .1rem .2rem; } .muted { color: #777; } .err { color: #b00020; white-space: pre-wrap; } .ok { color: #0a6b2d; }
  fieldset { border: 1px solid #ccc; margin: .5rem 0; } code { background: #f3f3f3; padding: 0 .3rem; }
</style>
</head>
<body>
<h1>一窗通 后台 <span class="muted">OneWindow back office</span></h1>
<p><label>办公令牌 Office token <input id="token" type="password" size="50" autocomplete="off"></label>
<button id="save-token">保存 Save</button> <span id="status" class="muted"></span></p>
<p id="message"></p>

<h2>案件 Cases</h2>
<p>
  <label>窗口代码 Terminal code <input id="f-code" size="12"></label>
  <label>状态 Status <select id="f-status">
    <option value="">全部 all</option><option value="received">已收件 received</option><option value="in_review">审查中 in review</option>
    <option value="decided">已决定 decided</option><option value="ready_for_delivery">待领取 ready for delivery</option><option value="delivered">已送达 delivered</option>
  </select></label>
  <button id="refresh">刷新 Refresh</button>
</p>
<table><thead><tr>
  <th>案件号 Case no.</th><th>申请人 Applicant</th><th>事项 Items</th><th>状态 Status</th><th>决定 Decision</th><th>下一步 Next step</th>
</tr></thead><tbody id="cases"></tbody></table>

<h2>发布事项目录 Publish catalog</h2>
<p><input id="catalog-file" type="file" accept="application/json,.json"> <button id="publish">发布 Publish</button></p>

<h2>登记码 Enrollment code</h2>
<p>
  <label>窗口代码 Terminal code <input id="e-code" size="12" placeholder="T3101040007"></label>
  <label>窗口号 Window no. <input id="e-window" size="4"></label>
  <label>大厅 Hall <input id="e-hall" size="14"></label>
  <label>区 District <input id="e-district" size="10"></label>
  <button id="enroll">生成 Create</button> <code id="e-result"></code>
</p>

<h2>终端 Terminals</h2>
<table><thead><tr><th>窗口代码 Code</th><th>窗口号 Window</th><th>名称 Label</th><th>最后序号 Last seq</th><th>登记 Enrolled</th><th>吊销 Revoked</th><th></th></tr></thead>
<tbody id="terminals"></tbody></table>

<script>SCRIPT</script>
</body>
</html>
`;

export const OFFICE_SCRIPT = `
'use strict';
const NEXT = { received: 'in_review', in_review: 'decided', decided: 'ready_for_delivery', ready_for_delivery: 'delivered', delivered: null };
const LABEL = { received: '已收件 received', in_review: '审查中 in review', decided: '已决定 decided', ready_for_delivery: '待领取 ready for delivery', delivered: '已送达 delivered' };
const $ = (id) => document.getElementById(id);
const el = (tag, text, attrs) => { const e = document.createElement(tag); if (text !== undefined && text !== null) e.textContent = String(text); Object.assign(e, attrs || {}); return e; };
$('token').value = sessionStorage.getItem('ow-office-token') || '';
function say(text, ok) { const m = $('message'); m.textContent = text; m.className = ok ? 'ok' : 'err'; }

async function api(method, path, body, headers) {
  const init = { method, headers: Object.assign({ authorization: 'Bearer ' + $('token').value.trim() }, headers || {}) };
  if (body !== undefined) {
    if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) { init.body = body; }
    else { init.body = JSON.stringify(body); init.headers['content-type'] = 'application/json'; }
  }
  const res = await fetch(path, init);
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) { const e = (data && data.error) || {}; throw new Error((e.code || res.status) + ': ' + (e.message || res.statusText)); }
  return data;
}

async function uploadBlob(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const sha = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  const CHUNK = 4 * 1024 * 1024;
  for (let offset = 0; offset < bytes.length || offset === 0; offset += CHUNK) {
    const chunk = bytes.subarray(offset, Math.min(bytes.length, offset + CHUNK));
    await api('PUT', '/office/blobs/' + sha, chunk, { 'content-type': 'application/octet-stream', 'upload-offset': String(offset), 'upload-length': String(bytes.length) });
    if (bytes.length === 0) break;
  }
  return { name: file.name, sha256: sha };
}

function stepCell(c) {
  const td = el('td');
  const next = c.status ? NEXT[c.status] : null;
  if (!next) { td.append(el('span', c.status ? '完成 done' : '不适用 n/a', { className: 'muted' })); return td; }
  const fs = el('fieldset');
  let decision = null, file = null;
  if (next === 'decided') {
    decision = el('select');
    decision.append(el('option', '准予 approved', { value: 'approved' }), el('option', '不予 not approved', { value: 'not_approved' }));
    fs.append(decision);
  }
  if (next === 'decided' || next === 'ready_for_delivery') { file = el('input', null, { type: 'file', title: '结果文书 result document (optional)' }); fs.append(file); }
  const note = el('input', null, { placeholder: '备注 note', size: 14 });
  const go = el('button', '→ ' + LABEL[next]);
  go.addEventListener('click', async () => {
    go.disabled = true;
    try {
      const body = { status: next };
      if (decision) body.decision = decision.value;
      if (note.value.trim()) body.note = note.value.trim();
      if (file && file.files && file.files[0]) body.resultDocument = await uploadBlob(file.files[0]);
      await api('POST', '/office/cases/' + encodeURIComponent(c.caseNo) + '/status', body);
      say(c.caseNo + ' → ' + LABEL[next], true);
      await loadCases();
    } catch (e) { say(String(e.message || e)); go.disabled = false; }
  });
  fs.append(note, go);
  td.append(fs);
  return td;
}

async function loadCases() {
  const q = new URLSearchParams();
  if ($('f-code').value.trim()) q.set('terminalCode', $('f-code').value.trim());
  if ($('f-status').value) q.set('status', $('f-status').value);
  const { cases } = await api('GET', '/office/cases?' + q);
  const body = $('cases'); body.replaceChildren();
  for (const c of cases) {
    const tr = el('tr');
    const no = el('td', c.caseNo); if (!c.checked) no.append(el('div', '未复核 unchecked', { className: 'muted' }));
    tr.append(no, el('td', c.applicantName || ''), el('td', c.itemCodes.join(', ')), el('td', c.status ? LABEL[c.status] : c.outcome),
      el('td', (c.decision || '') + (c.resultDocument ? ' · ' + c.resultDocument.name : '')), stepCell(c));
    body.append(tr);
  }
  $('status').textContent = cases.length + ' 件 cases';
}

async function loadTerminals() {
  const { terminals } = await api('GET', '/office/terminals');
  const body = $('terminals'); body.replaceChildren();
  for (const t of terminals) {
    const tr = el('tr');
    const act = el('td');
    if (!t.revokedAt) {
      const b = el('button', '吊销 Revoke');
      b.addEventListener('click', async () => {
        if (!confirm('吊销 ' + t.terminalCode + '? Revoke this terminal?')) return;
        try { await api('POST', '/office/terminals/' + t.id + '/revoke', {}); say(t.terminalCode + ' 已吊销 revoked', true); await loadTerminals(); } catch (e) { say(String(e.message || e)); }
      });
      act.append(b);
    }
    tr.append(el('td', t.terminalCode), el('td', t.windowNo || ''), el('td', t.label), el('td', t.lastSeq), el('td', t.enrolledAt), el('td', t.revokedAt || ''), act);
    body.append(tr);
  }
}

async function reload() { try { await loadCases(); await loadTerminals(); } catch (e) { say(String(e.message || e)); } }
$('save-token').addEventListener('click', () => { sessionStorage.setItem('ow-office-token', $('token').value.trim()); reload(); });
$('refresh').addEventListener('click', reload);
$('publish').addEventListener('click', async () => {
  const f = $('catalog-file').files[0]; if (!f) return say('先选择文件 choose a file first');
  try { const r = await api('POST', '/office/catalog', JSON.parse(await f.text())); say('已发布 published ' + r.catalogVersion, true); } catch (e) { say(String(e.message || e)); }
});
$('enroll').addEventListener('click', async () => {
  try {
    const r = await api('POST', '/office/enrollments', { terminalCode: $('e-code').value, windowNo: $('e-window').value || null, hall: $('e-hall').value || null, district: $('e-district').value || null });
    $('e-result').textContent = r.code + '  (' + r.terminalCode + ', 有效至 valid until ' + r.expiresAt + ')';
  } catch (e) { say(String(e.message || e)); }
});
if ($('token').value) reload();
`;

export const OFFICE_PAGE = PAGE.replace('SCRIPT', () => OFFICE_SCRIPT);

/** The page's CSP: its own script (by hash) and inline styles; fetch to this origin only. */
export const OFFICE_CSP = `default-src 'none'; script-src 'sha256-${createHash('sha256').update(OFFICE_SCRIPT).digest('base64')}'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'`;
