/**
 * Vite builds the React client from `client/` into `dist/client`; in `npm run dev` it proxies the API and
 * the sync websocket to the server in watch mode. Vitest runs three projects: unit, integration and e2e.
 */
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

const serverPort = Number(process.env.API_PORT ?? 3001)

export default defineConfig({
  root: 'client',
  plugins: [react()],
  // The editor route is a lazy chunk (TipTap + ProseMirror + Yjs); the initial route stays small.
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 800,
    // Fonts stay files (KaTeX's would be inlined as data: URIs, which the CSP's `font-src 'self'` refuses).
    assetsInlineLimit: (file: string) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined),
  },
  server: {
    port: Number(process.env.PORT ?? 3000),
    proxy: {
      '/api': `http://127.0.0.1:${serverPort}`,
      '/sync': { target: `ws://127.0.0.1:${serverPort}`, ws: true },
    },
  },
  test: {
    root: import.meta.dirname,
    projects: [
      {
        test: {
          name: 'unit',
          root: import.meta.dirname,
          include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'test/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          root: import.meta.dirname,
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          root: import.meta.dirname,
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/globalSetup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
