import { createContext, useContext } from 'react';
import type { Transport } from './types.js';

const TransportContext = createContext<Transport | null>(null);

export const TransportProvider = TransportContext.Provider;

export function useTransport(): Transport {
  const t = useContext(TransportContext);
  if (!t) throw new Error('useTransport outside <TransportProvider>');
  return t;
}
