import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import type { Plugin } from 'vite'
import { defineConfig } from 'vitest/config'

// The bundle lands in the Django package (served by vigil/console/); `make ui` rebuilds
// it and CI fails when the committed copy differs from a fresh build.
const outDir = fileURLToPath(new URL('../vigil/console/dist', import.meta.url))

// whitenoise serves `name.gz` beside `name` to clients that accept gzip. Written once the
// bundle is on disk, so the .gz holds the final code (Vite rewrites chunks late), and zlib
// writes no timestamp, so the .gz files are as reproducible as the files they compress.
function gzipAssets(): Plugin {
  return {
    name: 'vigil-gzip-assets',
    apply: 'build',
    enforce: 'post',
    writeBundle(options, bundle) {
      for (const item of Object.values(bundle)) {
        if (!/^assets\/.*\.(js|css|svg|ttf|eot)$/.test(item.fileName)) continue
        const source = item.type === 'chunk' ? item.code : item.source
        writeFileSync(join(options.dir ?? outDir, `${item.fileName}.gz`), gzipSync(source, { level: 9 }))
      }
    },
  }
}

export default defineConfig({
  plugins: [vue(), gzipAssets()],
  base: '/',
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir,
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 400,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.ts'],
  },
})
