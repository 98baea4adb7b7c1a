import './noEval.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { initI18n } from './i18n/index.js';
import './styles.css';
import { pickTransport } from './transport/index.js';
import { TransportProvider } from './transport/context.js';

async function boot(): Promise<void> {
  const transport = pickTransport();
  const info = await transport.invoke('app.info', {});
  await initI18n(info.ok ? info.value.language : 'zh-CN');
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <TransportProvider value={transport}>
        <App />
      </TransportProvider>
    </StrictMode>,
  );
}

void boot();
