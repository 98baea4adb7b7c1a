import { useEffect, useState } from 'react';

/** The current time, renewed every `everyMs`, for texts that age ("waiting since 09:12"). No handler is called. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
