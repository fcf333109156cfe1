import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

// The Gateway serves dist/ (copied into wwwroot) and proxies /api; `npm run dev` proxies to a running Gateway.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // No inline module-preload polyfill: the page runs under a strict Content-Security-Policy.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3001', changeOrigin: false } },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    // A shared, busy build machine renders slowly: generous limits, still bounded.
    testTimeout: 30_000,
    include: ['src/**/*.test.{ts,tsx}'],
    // The stylesheet's text reaches tests that check the phone layout's rules (jsdom lays nothing out).
    css: { include: [/styles\.css/] },
  },
})
