import { useEffect, useRef, useState } from 'react';
import { useTransport } from '../../transport/context.js';
import type { ScanPage } from './types.js';

/** How many thumbnails are asked for at once: pages keep arriving during a scan, and each is small. */
const AT_ONCE = 4;

/** A page's image is known by its hash: a rotation makes a new image, and with it a new thumbnail. */
export const imageKey = (p: Pick<ScanPage, 'id' | 'sha256'>): string => `${p.id}:${p.sha256}`;

/**
 * The pages' 240 px thumbnails as `data:` URLs (the CSP allows `img-src data:`), fetched once per
 * image with `scans.image`, a few at a time, in page order, so they fill in as a scan goes on.
 * A thumbnail that cannot be read is marked '' and shown as a placeholder.
 */
export function useThumbnails(pages: readonly ScanPage[] | null): Readonly<Record<string, string>> {
  const transport = useTransport();
  const [urls, setUrls] = useState<Record<string, string>>({});
  const asked = useRef(new Set<string>());
  const running = useRef(0);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (!pages) return;
    for (const p of pages) {
      const key = imageKey(p);
      if (running.current >= AT_ONCE) break;
      if (asked.current.has(key)) continue;
      asked.current.add(key);
      running.current++;
      void transport.invoke('scans.image', { pageId: p.id, size: 'thumbnail' }).then((r) => {
        running.current--;
        setUrls((prev) => ({ ...prev, [key]: r.ok ? `data:${r.value.mime};base64,${r.value.dataBase64}` : '' }));
        setTick((n) => n + 1); // the next ones in line
      });
    }
  }, [pages, transport, tick]);

  return urls;
}
