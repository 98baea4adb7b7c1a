import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Kbd } from '../../ui/Kbd.js';
import { useErrorText } from '../../useErrorText.js';
import { CameraView } from './CameraView.js';
import { DevicePicker } from './DevicePicker.js';
import { IMPORT_ACCEPT } from './fileImport.js';
import { ImportStatusView } from './ImportStatusView.js';
import { isTyping, PANEL_KEYS, panelAction, type PanelAction } from './keys.js';
import { moveBy, moveNextTo } from './order.js';
import { PagePreview } from './PagePreview.js';
import { PanelKeysLegend } from './PanelKeysLegend.js';
import { PageStrip } from './PageStrip.js';
import { PageToolbar } from './PageToolbar.js';
import { ScanStatusView } from './ScanStatusView.js';
import type { MaterialRef } from './types.js';
import { useImport } from './useImport.js';
import { usePageSelection } from './usePageSelection.js';
import type { ScanBatch } from './useScanBatch.js';
import { useScanDevices } from './useScanDevices.js';
import type { ScanRun } from './useScanRun.js';
import { useThumbnails } from './useThumbnails.js';

export interface ScanPanelProps {
  batch: ScanBatch;
  run: ScanRun;
  /** The checklist, in its order: page n of the keys 1–9 is material n. */
  materials: readonly MaterialRef[];
  /** Esc with nothing to cancel: back to the checklist. */
  onLeave: () => void;
  rootRef?: React.Ref<HTMLElement>;
}

/**
 * 扫描: beside the checklist, where the applicant's pages come in (scanner, file, document camera)
 * and are put in order and attached to the material they belong to. Everything by keyboard, the
 * keys on screen; they act only while the focus is in the panel (keys.ts says why).
 */
export function ScanPanel({ batch, run, materials, onLeave, rootRef }: ScanPanelProps): React.JSX.Element {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const devices = useScanDevices();
  const imports = useImport(batch.intakeId);
  const pages = useMemo(() => batch.pages ?? [], [batch.pages]);
  const ids = useMemo(() => pages.map((p) => p.id), [pages]);
  const thumbs = useThumbnails(batch.pages);
  const selection = usePageSelection(ids);
  const [focusRequest, setFocusRequest] = useState<{ id: number } | null>(null);
  const [camera, setCamera] = useState(false);
  const [preview, setPreview] = useState<number | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const columns = useRef(1);
  const { profile } = devices;
  const scanning = run.scanning;

  const byId = useMemo(() => new Map(pages.map((p) => [p.id, p])), [pages]);
  const targets = useMemo(() => selection.targets.flatMap((pid) => byId.get(pid) ?? []), [selection.targets, byId]);
  const live = targets.filter((p) => !p.deleted);

  const { reload } = batch;
  const scan = useCallback(async () => {
    if (!profile || scanning) return;
    imports.dismiss();
    await run.scan(profile);
    reload();
  }, [profile, scanning, run, reload, imports]);

  const rotate = (by: 90 | 270): void => batch.update(live.map((p) => p.id), { rotate: by });
  const toggleDeleted = (): void => {
    if (targets.length === 0) return;
    const restore = targets.every((p) => p.deleted);
    batch.update(targets.filter((p) => p.deleted === restore).map((p) => p.id), { deleted: !restore });
  };
  const toggleExcluded = (): void => {
    if (live.length === 0) return;
    const include = live.every((p) => p.excluded);
    batch.update(live.filter((p) => p.excluded === include).map((p) => p.id), { excluded: !include });
  };
  const assign = (entryId: string | null): void => batch.assign(live.map((p) => p.id), entryId);

  function moveCursor(to: number | undefined, extend: boolean): void {
    if (to === undefined) return;
    selection.pick(to, extend ? 'extend' : 'only');
    setFocusRequest({ id: to });
  }

  /** Moves the chosen pages one place (Ctrl+←/→), together. */
  function moveChosen(delta: number): void {
    const block = selection.targets;
    if (block.length === 0) return;
    let next: readonly number[];
    if (block.length === 1 && block[0] !== undefined) next = moveBy(ids, block[0], delta);
    else {
      const edge = delta < 0 ? ids.indexOf(block[0] ?? -1) - 1 : ids.indexOf(block[block.length - 1] ?? -1) + 1;
      const neighbour = ids[edge];
      next = neighbour === undefined ? ids : moveNextTo(ids, block, neighbour, delta > 0);
    }
    if (next !== ids) batch.reorder(next);
    if (selection.cursor !== null) setFocusRequest({ id: selection.cursor });
  }

  /** Does what a key means; false when it means nothing here (the key is then left alone). */
  function act(a: PanelAction): boolean {
    const at = selection.cursor === null ? -1 : ids.indexOf(selection.cursor);
    switch (a.type) {
      case 'scan':
      case 'next':
        void scan();
        return true;
      case 'import':
        if (!scanning) fileInput.current?.click();
        return true;
      case 'camera':
        setCamera(true);
        return true;
      case 'cursor': {
        if (ids.length === 0) return false;
        const step = a.rows ? columns.current : 1;
        moveCursor(ids[Math.max(0, Math.min(ids.length - 1, at + a.delta * step))], a.extend);
        return true;
      }
      case 'edge':
        if (ids.length === 0) return false;
        moveCursor(a.end ? ids[ids.length - 1] : ids[0], a.extend);
        return true;
      case 'move':
        moveChosen(a.delta);
        return ids.length > 0;
      case 'rotate':
        rotate(a.by);
        return ids.length > 0;
      case 'delete':
        toggleDeleted();
        return ids.length > 0;
      case 'exclude':
        toggleExcluded();
        return ids.length > 0;
      case 'assign': {
        if (ids.length === 0) return false;
        if (a.number === 0) assign(null);
        else {
          const m = materials[a.number - 1];
          if (!m) return false;
          assign(m.id);
        }
        return true;
      }
      case 'toggle':
        selection.toggle();
        return true;
      case 'all':
        selection.all();
        return true;
      case 'preview':
        if (selection.cursor === null) return false;
        setPreview(selection.cursor);
        return true;
      case 'escape':
        if (scanning) run.cancel();
        else onLeave();
        return true;
    }
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLElement>): void {
    if (e.defaultPrevented || e.nativeEvent.isComposing) return;
    const el = e.target as HTMLElement;
    // Typing in a field, choosing in a select, or working in the camera or preview over the panel.
    if (isTyping(el) || el.closest('[role="dialog"]')) return;
    const a = panelAction(e, el.getAttribute('role') === 'option');
    if (a && act(a)) e.preventDefault();
  }

  async function onFiles(list: FileList | null): Promise<void> {
    const files = Array.from(list ?? []);
    if (fileInput.current) fileInput.current.value = ''; // the same file can be picked again
    if (files.length === 0) return;
    run.dismiss();
    const added = await imports.importBlobs(
      files.map((f) => ({ blob: f, name: f.name })),
      'file',
    );
    if (added > 0) reload();
  }

  async function onCapture(blob: Blob): Promise<void> {
    run.dismiss();
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
    const added = await imports.importBlobs([{ blob, name: `camera-${stamp}.jpg` }], 'camera');
    if (added > 0) reload();
  }

  const previewAt = preview === null ? -1 : ids.indexOf(preview);
  const previewPage = previewAt >= 0 ? pages[previewAt] : undefined;
  const hasPages = pages.length > 0;

  return (
    <section className="scan-panel" ref={rootRef} aria-labelledby={`${id}-title`} onKeyDown={onKeyDown} data-testid="scan-panel" data-intake-id={batch.intakeId}>
      <h3 id={`${id}-title`}>
        {t('scan.title')}{' '}
        <span className="field-hint" data-testid="scan-count">
          {t('scan.count', { n: pages.filter((p) => !p.deleted).length })}
        </span>
      </h3>
      <DevicePicker devices={devices} disabled={scanning} />
      <div className="scan-actions">
        {/* aria-disabled, not disabled: a disabled button drops the focus, and with it Esc (cancel) and the panel's keys. */}
        <button type="button" className="primary" onClick={() => void scan()} aria-disabled={!profile || scanning} data-testid="scan-start" data-panel-entry={hasPages ? undefined : ''}>
          {hasPages ? t('scan.scanNext') : t('scan.scan')} <Kbd>{hasPages ? PANEL_KEYS.next : PANEL_KEYS.scan}</Kbd>
        </button>
        <button type="button" onClick={() => fileInput.current?.click()} disabled={scanning} data-testid="scan-import">
          {t('scan.import')} <Kbd>{PANEL_KEYS.import}</Kbd>
        </button>
        <button type="button" onClick={() => setCamera(true)} disabled={scanning} data-testid="scan-camera">
          {t('scan.camera')} <Kbd>{PANEL_KEYS.camera}</Kbd>
        </button>
        <input ref={fileInput} type="file" multiple accept={IMPORT_ACCEPT} hidden tabIndex={-1} onChange={(e) => void onFiles(e.target.files)} data-testid="scan-file-input" />
      </div>
      <ScanStatusView status={run.status} onCancel={run.cancel} />
      <ImportStatusView status={imports.status} />
      {batch.error && (
        <p className="form-error" role="alert" data-testid="scan-batch-error">
          {errorText(batch.error)}
        </p>
      )}
      {hasPages && <PageToolbar targets={targets} materials={materials} onRotate={() => rotate(90)} onDelete={toggleDeleted} onExclude={toggleExcluded} onAssign={assign} onPreview={() => selection.cursor !== null && setPreview(selection.cursor)} />}
      {batch.pages === null && !batch.error ? (
        <p className="empty" aria-busy="true">
          {t('scan.pagesLoading')}
        </p>
      ) : (
        <PageStrip
          pages={pages}
          thumbs={thumbs}
          selection={selection}
          materials={materials}
          focusRequest={focusRequest}
          onReorder={batch.reorder}
          onOpen={setPreview}
          onColumns={(n) => {
            columns.current = n;
          }}
        />
      )}
      <PanelKeysLegend scanning={scanning} />
      {camera && (
        <CameraView
          onCapture={onCapture}
          onClose={() => {
            setCamera(false);
            requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="scan-camera"]')?.focus());
          }}
        />
      )}
      {previewPage && (
        <PagePreview
          page={previewPage}
          index={previewAt}
          total={pages.length}
          onMove={(d) => {
            const to = ids[Math.max(0, Math.min(ids.length - 1, previewAt + d))];
            if (to !== undefined) {
              setPreview(to);
              selection.pick(to);
            }
          }}
          onRotate={() => batch.update([previewPage.id], { rotate: 90 })}
          onClose={() => {
            setPreview(null);
            setFocusRequest({ id: previewPage.id });
          }}
        />
      )}
    </section>
  );
}
