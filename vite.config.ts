import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { FIXED_POLICY, HEADER_POLICY } from './src/core/csp.ts';

// Cross-origin isolation lets onnxruntime-web use SharedArrayBuffer threads.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** The fixed part of the Content-Security-Policy in every page, first in its head (connect-src: src/state/allowedHosts.ts). */
const contentSecurityPolicy = (): Plugin => ({
  name: 'orrery-csp',
  // the dev server's hot reload runs inline script, which the policy refuses
  apply: 'build',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: FIXED_POLICY }, injectTo: 'head-prepend' }],
});

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@huggingface/transformers', 'onnxruntime-web'] },
  server: { headers: isolation },
  preview: { headers: { ...isolation, 'Content-Security-Policy': HEADER_POLICY }, port: 4173, strictPort: true },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: {
        main: 'index.html',
        benchEmbed: 'bench/embed.html',
        benchLayout: 'bench/layout.html',
        benchRetrieve: 'bench/retrieve.html',
        benchRender: 'bench/render.html',
        benchInteraction: 'bench/interaction.html',
      },
    },
  },
});
