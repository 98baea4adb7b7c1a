import { useTranslation } from 'react-i18next';
import type { Key } from '../../i18n/keys.js';
import { SelectField } from '../../ui/Field.js';
import { useErrorText } from '../../useErrorText.js';
import { deviceKey, modeChoices, resolutionChoices, scannable, sourceChoices } from './profile.js';
import type { ScanMode, ScanSource } from './types.js';
import type { ScanDevices } from './useScanDevices.js';

const MODE_LABEL: Readonly<Record<ScanMode, Key>> = { color: 'scan.mode_color', gray: 'scan.mode_gray', lineart: 'scan.mode_lineart' };
const SOURCE_LABEL: Readonly<Record<ScanSource, Key>> = { flatbed: 'scan.source_flatbed', feeder: 'scan.source_feeder', duplex: 'scan.source_duplex' };

/**
 * The scanner and how it scans (resolution, colour, glass or feeder), saved for this terminal as
 * soon as the clerk changes one. The list takes seconds the first time (a spinner says so); drivers
 * that could not list (no scanimage…) are named with what to do.
 */
export function DevicePicker({ devices, disabled }: { devices: ScanDevices; disabled: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { list, profile, caps } = devices;
  const scanners = list ? scannable(list.devices) : [];
  const chosenKey = profile ? deviceKey({ driver: profile.driver, id: profile.device }) : '';
  const known = scanners.some((d) => deviceKey(d) === chosenKey);

  const deviceOptions = [
    ...(profile && !known ? [{ value: chosenKey, label: t('scan.deviceMissing', { name: profile.device }) }] : []),
    ...(!profile ? [{ value: '', label: devices.listing ? t('scan.devicesLoading') : t('scan.deviceNone') }] : []),
    ...scanners.map((d) => ({ value: deviceKey(d), label: t('scan.deviceLabel', { vendor: d.vendor, model: d.model, id: d.id }) })),
  ];

  return (
    <div className="scan-device" data-testid="scan-device-picker">
      <div className="scan-device-row">
        <SelectField label={t('scan.device')} value={chosenKey} onValue={devices.chooseDevice} options={deviceOptions} testId="scan-device" disabled={disabled || scanners.length === 0} />
        <button type="button" className="small" onClick={devices.refresh} disabled={devices.listing || disabled} data-testid="scan-devices-refresh">
          {devices.listing && <span className="spinner" aria-hidden="true" />}
          {devices.listing ? t('scan.devicesLoading') : t('scan.devicesRefresh')}
        </button>
      </div>
      {devices.listing && !list && (
        <p className="field-hint" role="status" aria-busy="true" data-testid="scan-devices-loading">
          <span className="spinner" aria-hidden="true" /> {t('scan.devicesLoadingLong')}
        </p>
      )}
      {list && scanners.length === 0 && !devices.listing && (
        <p className="field-hint" data-testid="scan-devices-none">
          {t('scan.devicesNone')}
        </p>
      )}
      {list?.problems.map((p) => (
        <p key={`${p.driver}-${p.reason}`} className="warning" role="alert" data-testid={`scan-problem-${p.driver}`}>
          {errorText({ code: 'unavailable', reason: p.reason, message: p.message })} <span className="said">{p.message}</span>
        </p>
      ))}
      {devices.listError && (
        <p className="form-error" role="alert" data-testid="scan-devices-error">
          {errorText(devices.listError)}
        </p>
      )}
      {profile && (
        <div className="scan-settings">
          <SelectField
            label={t('scan.resolution')}
            value={String(profile.resolution)}
            onValue={(v) => devices.set({ resolution: Number(v) })}
            options={resolutionChoices(caps, profile.resolution).map((v) => ({ value: String(v), label: t('scan.dpi', { n: v }) }))}
            testId="scan-resolution"
            disabled={disabled || devices.capsLoading}
          />
          <SelectField
            label={t('scan.mode')}
            value={profile.mode}
            onValue={(v) => devices.set({ mode: v as typeof profile.mode })}
            options={modeChoices(caps).map((m) => ({ value: m, label: t(MODE_LABEL[m]) }))}
            testId="scan-mode"
            disabled={disabled || devices.capsLoading}
          />
          <SelectField
            label={t('scan.source')}
            value={profile.source}
            onValue={(v) => devices.set({ source: v as typeof profile.source })}
            options={sourceChoices(caps).map((s) => ({ value: s, label: t(SOURCE_LABEL[s]) }))}
            testId="scan-source"
            disabled={disabled || devices.capsLoading}
          />
        </div>
      )}
      {devices.capsError && (
        <p className="form-error" role="alert" data-testid="scan-caps-error">
          {errorText(devices.capsError)}
        </p>
      )}
      {devices.saveError && (
        <p className="form-error" role="alert" data-testid="scan-profile-error">
          {errorText(devices.saveError)}
        </p>
      )}
    </div>
  );
}
