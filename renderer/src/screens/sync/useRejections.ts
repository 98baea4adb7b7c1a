import { useCallback, useEffect, useState } from 'react';
import type { HandlerResult } from '../../../../core/api/contract.js';
import type { AppError } from '../../../../core/result.js';
import { useTransport } from '../../transport/context.js';

export type Rejection = HandlerResult<'sync.rejections'>[number];

/**
 * The commands the centre refused (`sync.rejections`), open ones or all. Read again when `changeKey`
 * changes (the status's count of open refusals and its last pull: a pull is what brings new ones) and
 * after an acknowledgement (`reload`).
 */
export function useRejections(include: 'open' | 'all', changeKey: string): { list: Rejection[] | null; error: AppError | null; reload: () => void } {
  const transport = useTransport();
  const [list, setList] = useState<Rejection[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    void transport.invoke('sync.rejections', { include, limit: 200 }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setList(r.value);
        setError(null);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [transport, include, changeKey, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { list, error, reload };
}
