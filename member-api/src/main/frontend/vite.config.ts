import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

// The Maven build sets CONSOLE_OUT to target/classes/static/console: Spring Boot serves it at /console/.
const outDir = process.env.CONSOLE_OUT ?? fileURLToPath(new URL('../../../target/classes/static/console', import.meta.url))

export default defineConfig({
  base: '/console/',
  plugins: [vue()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks: { element: ['element-plus'], vue: ['vue', 'vue-router', 'pinia', 'vue-i18n'] },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:8080', '/dev': 'http://localhost:8080' },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.ts'],
  },
})
