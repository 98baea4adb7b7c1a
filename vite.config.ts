import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer only; tests have their own vitest.config.ts.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Electron loads from app:// and the host from http://127.0.0.1: no CDN, no inline scripts.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
