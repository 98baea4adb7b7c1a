import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoticePanelModel } from './useNoticePanel.js';

// The panel (and, behind it, pdf.js) is fetched when a notice is first shown, not at start-up.
const NoticePanel = lazy(() => import('./NoticePanel.js').then((m) => ({ default: m.NoticePanel })));

/** The notice panel, loaded on first use; its keys (P) work from the start, they live in the hook. */
export function LazyNoticePanel({ panel }: { panel: NoticePanelModel }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<p aria-busy="true">{t('notice.previewLoading')}</p>}>
      <NoticePanel panel={panel} />
    </Suspense>
  );
}
