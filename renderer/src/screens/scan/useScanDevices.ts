import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppError } from '../../../../core/result.js';
import { useTransport } from '../../transport/context.js';
import { deviceKey, fitProfile, sameProfile, scannable } from './profile.js';
import type { Capabilities, DeviceList, ScanProfile } from './types.js';

export interface ScanDevices {
  /** null while the first list is on its way (a cold `scanimage -L` takes seconds). */
  list: DeviceList | null;
  listing: boolean;
  listError: AppError | null;
  /** Lists again, past the back end's cache (a scanner just plugged in). */
  refresh: () => void;
  /** The settings the next scan uses; null until a device is known. */
  profile: ScanProfile | null;
  caps: Capabilities | null;
  capsLoading: boolean;
  capsError: AppError | null;
  saveError: AppError | null;
  chooseDevice: (key: string) => void;
  set: (patch: Partial<Pick<ScanProfile, 'resolution' | 'mode' | 'source'>>) => void;
}

/**
 * The scanners, the terminal's saved profile, and what the chosen scanner offers. The list is read
 * once per panel (the back end caches it; Refresh asks again), the saved profile (`scans.profile`)
 * picks the device and settings, and a change by the clerk is saved for this terminal at once
 * (`settings.setScanProfile`), so the next intake, and the next start of the app, scan the same way.
 */
export function useScanDevices(): ScanDevices {
  const transport = useTransport();
  const [list, setList] = useState<DeviceList | null>(null);
  const [listing, setListing] = useState(true);
  const [listError, setListError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState<ScanProfile | null | undefined>(undefined);
  // The clerk's (or the device-fitted) settings; until there are any, the starting point below.
  const [own, setOwn] = useState<ScanProfile | null>(null);
  const [caps, setCaps] = useState<{ key: string; value: Capabilities | null; error: AppError | null } | null>(null);
  const [saveError, setSaveError] = useState<AppError | null>(null);
  // Only what the clerk chose is saved; a profile fitted from a device's defaults is not.
  const chosenByClerk = useRef(false);

  const loadList = useCallback(
    (refresh: boolean) =>
      transport.invoke('scans.devices', { refresh }).then((r) => {
        setListing(false);
        if (r.ok) {
          setList(r.value);
          setListError(null);
        } else setListError(r.error);
      }),
    [transport],
  );

  useEffect(() => {
    void loadList(false);
    void transport.invoke('scans.profile', {}).then((r) => setSaved(r.ok ? r.value : null));
  }, [transport, loadList]);

  const refresh = useCallback(() => {
    setListing(true);
    void loadList(true);
  }, [loadList]);

  // Once both the list and the saved profile are in: the saved device, else the first scanner.
  const start = useMemo(() => {
    if (saved === undefined || !list) return null;
    const first = scannable(list.devices)[0];
    return saved ?? (first ? fitProfile(first, null, {}) : null);
  }, [saved, list]);
  const draft = own ?? start;
  const setDraft = useCallback((next: (d: ScanProfile | null) => ScanProfile | null) => setOwn((o) => next(o ?? start)), [start]);

  const key = draft ? deviceKey({ driver: draft.driver, id: draft.device }) : null;
  useEffect(() => {
    if (!draft || key === null || caps?.key === key) return;
    const { driver, device } = draft;
    void transport.invoke('scans.capabilities', { driver, device }).then((r) => {
      setCaps({ key, value: r.ok ? r.value : null, error: r.ok ? null : r.error });
      // The settings the device offers, the wished ones kept where they fit.
      if (r.ok) setDraft((d) => (d && deviceKey({ driver: d.driver, id: d.device }) === key ? fitProfile({ driver, id: device }, r.value, d) : d));
    });
  }, [transport, draft, key, caps?.key, setDraft]);

  // Saves what the clerk chose, once it has been fitted to what the device offers.
  const fitted = caps !== null && caps.key === key && caps.value !== null;
  useEffect(() => {
    if (!chosenByClerk.current || !draft || !fitted || sameProfile(draft, saved ?? null)) return;
    void transport.invoke('settings.setScanProfile', draft).then((r) => {
      if (r.ok) {
        setSaved(r.value);
        setSaveError(null);
      } else setSaveError(r.error);
    });
  }, [transport, draft, saved, fitted]);

  const chooseDevice = useCallback(
    (k: string) => {
      const d = list ? scannable(list.devices).find((x) => deviceKey(x) === k) : undefined;
      if (!d) return;
      chosenByClerk.current = true;
      // Keep the clerk's settings as wishes; the new device's capabilities decide what stays.
      setDraft((prev) => fitProfile(d, null, prev ?? {}));
    },
    [list, setDraft],
  );

  const set = useCallback(
    (patch: Partial<Pick<ScanProfile, 'resolution' | 'mode' | 'source'>>) => {
      chosenByClerk.current = true;
      setDraft((d) => (d ? { ...d, ...patch } : d));
    },
    [setDraft],
  );

  const capsHere = caps?.key === key ? caps : null;
  return {
    list,
    listing,
    listError,
    refresh,
    profile: draft,
    caps: capsHere?.value ?? null,
    capsLoading: draft !== null && capsHere === null,
    capsError: capsHere?.error ?? null,
    saveError,
    chooseDevice,
    set,
  };
}
