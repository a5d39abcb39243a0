import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Vite requires a default export for its config file.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: { outDir: 'dist', sourcemap: false },
});
