import { createHash } from 'node:crypto';

/**
 * `GET /progress`: the public page a notice's QR code opens (docs/NOTICES.md, "QR code"). Its script
 * reads the signed payload from the URL's fragment, asks the centre (`POST /progress/lookup`) and
 * shows the verdict: the status, the due date, the items and the applicant's masked name, or why
 * the code is refused. Everything is set with textContent; the CSP allows this script by its hash.
 */
const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>办件进度查询 · Case progress</title>
<style>
  body { font: 16px/1.6 system-ui, "Noto Sans CJK SC", sans-serif; margin: 1.2rem; color: #222; max-width: 36rem; }
  h1 { font-size: 1.25rem; } dl { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; }
  dt { color: #555; } dd { margin: 0; } .err { color: #b00020; } .muted { color: #666; font-size: .9rem; } [hidden] { display: none !important; }
</style>
</head>
<body>
<h1>办件进度查询 <span class="muted">Case progress</span></h1>
<p id="state" class="muted">正在核验… Checking…</p>
<dl id="result" hidden>
  <dt>办件编号 Case no.</dt><dd id="caseNo"></dd>
  <dt>申请人 Applicant</dt><dd id="applicant"></dd>
  <dt>申请事项 Item</dt><dd id="items"></dd>
  <dt>办理状态 Status</dt><dd id="status"></dd>
  <dt>承诺办结日期 Due date</dt><dd id="dueDate"></dd>
</dl>
<p class="muted">本页只显示经签名核验的办件进度，不显示证件号码等个人信息。This page shows only the verified progress of a case, no personal data.</p>
<script>SCRIPT</script>
</body>
</html>
`;

export const PROGRESS_SCRIPT = `
'use strict';
const $ = (id) => document.getElementById(id);
const STATUS = {
  received: '已收件，待审查 Received', in_review: '审查中 In review', ready_for_delivery: '已办结，待领取 Ready for collection', delivered: '已领取（送达）Delivered',
};
const OUTCOME = { correction: '需补正材料 Materials to supply', rejected: '不予受理 Not accepted', completed: '已当场办结 Completed on the spot' };
const REFUSED = {
  qr_malformed: '二维码内容不完整或格式不对。The code is incomplete or malformed.',
  qr_version: '二维码版本不受支持。The code is of an unknown version.',
  qr_signature: '二维码签名核验不通过：内容可能被改动过，请以窗口核验为准。The signature does not verify: the code may have been altered.',
  qr_unknown_terminal: '签发二维码的窗口未在中心登记。The issuing window is not registered.',
  qr_revoked_terminal: '签发二维码的窗口已停用。The issuing window was withdrawn before this date.',
  qr_mismatch: '二维码与办件不符。The code does not match the case it names.',
};
function refuse(text) { $('state').textContent = text; $('state').className = 'err'; $('state').dataset.verdict = 'refused'; }
async function main() {
  let payload = '';
  try { payload = decodeURIComponent(location.hash.slice(1)); } catch (e) { return refuse(REFUSED.qr_malformed); }
  if (!payload) return refuse(REFUSED.qr_malformed);
  let r;
  try {
    const res = await fetch('/progress/lookup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payload }) });
    r = await res.json();
  } catch (e) { return refuse('暂时无法连接，请稍后再试。Cannot reach the service; try again later.'); }
  if (!r.valid) { $('state').dataset.reason = r.reason || ''; return refuse(REFUSED[r.reason] || REFUSED.qr_malformed); }
  $('caseNo').textContent = r.caseNo;
  if (!r.synced) {
    $('state').textContent = '二维码核验通过。办件信息尚未同步到中心，请稍后再查。The code is genuine; the case has not reached the centre yet.';
    $('state').dataset.verdict = 'pending';
    $('result').hidden = false;
    return;
  }
  $('applicant').textContent = r.applicant || '';
  $('items').textContent = (r.items || []).map((i) => i['zh-CN']).join('、');
  let status = r.status ? STATUS[r.status] : OUTCOME[r.outcome];
  if (r.status === 'decided') status = r.decision === 'not_approved' ? '已作出不予许可（不予批准）决定 Decided: not approved' : '已作出准予决定 Decided: approved';
  $('status').textContent = status || r.outcome;
  $('dueDate').textContent = r.dueDate || '—';
  $('state').textContent = '二维码核验通过。The code is genuine.';
  $('state').dataset.verdict = 'valid';
  $('result').hidden = false;
}
main();
`;

export const PROGRESS_PAGE = PAGE.replace('SCRIPT', () => PROGRESS_SCRIPT);

/** Its own script (by hash) and inline styles; fetch to this origin only. */
export const PROGRESS_CSP = `default-src 'none'; script-src 'sha256-${createHash('sha256').update(PROGRESS_SCRIPT).digest('base64')}'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'`;
