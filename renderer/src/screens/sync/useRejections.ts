import type { HandlerResult } from '../../../../core/api/contract.js';
import type { AppError } from '../../../../core/result.js';
import { useHandler } from '../../transport/useHandler.js';

export type Rejection = HandlerResult<'sync.rejections'>[number];

/**
 * The commands the centre refused (`sync.rejections`), open ones or all. Read again when `changeKey`
 * changes (the status's count of open refusals and its last pull: a pull is what brings new ones) and
 * after an acknowledgement (`reload`).
 */
export function useRejections(include: 'open' | 'all', changeKey: string): { list: Rejection[] | null; error: AppError | null; reload: () => void } {
  const { data, error, reload } = useHandler('sync.rejections', { include, limit: 200 }, { key: changeKey, keep: true });
  return { list: data, error, reload };
}
