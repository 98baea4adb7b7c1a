import { useTranslation } from 'react-i18next';
import { Kbd } from '../../ui/Kbd.js';
import { PANEL_KEYS } from './keys.js';

/** Every key of the scan panel, on screen: counter staff learn the keys from it. */
export function PanelKeysLegend({ scanning }: { scanning: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <p className="field-hint keys-inline scan-keys" data-testid="scan-keys">
      <span>
        <Kbd>{PANEL_KEYS.scan}</Kbd>/<Kbd>{PANEL_KEYS.next}</Kbd> {t('scan.keysScan')}
      </span>
      <span>
        <Kbd>{PANEL_KEYS.import}</Kbd> {t('scan.keysImport')}
      </span>
      <span>
        <Kbd>{PANEL_KEYS.camera}</Kbd> {t('scan.keysCamera')}
      </span>
      <span>
        <Kbd>←</Kbd>
        <Kbd>→</Kbd> {t('scan.keysPages')}
      </span>
      <span>
        <Kbd>Shift</Kbd>/<Kbd>{PANEL_KEYS.toggle}</Kbd> {t('scan.keysChoose')}
      </span>
      <span>
        <Kbd>{PANEL_KEYS.move}</Kbd> {t('scan.keysMove')}
      </span>
      <span>
        <Kbd>{PANEL_KEYS.rotate}</Kbd> {t('scan.keysRotate')}
      </span>
      <span>
        <Kbd>{PANEL_KEYS.delete}</Kbd> {t('scan.keysDelete')}
      </span>
      <span>
        <Kbd>{PANEL_KEYS.exclude}</Kbd> {t('scan.keysExclude')}
      </span>
      <span>
        <Kbd>{PANEL_KEYS.assign}</Kbd> {t('scan.keysAssign')} · <Kbd>{PANEL_KEYS.unassign}</Kbd> {t('scan.keysUnassign')}
      </span>
      <span>
        <Kbd>{PANEL_KEYS.preview}</Kbd> {t('scan.keysPreview')}
      </span>
      <span>
        <Kbd>{PANEL_KEYS.cancel}</Kbd> {scanning ? t('scan.keysCancel') : t('scan.keysLeave')}
      </span>
    </p>
  );
}
