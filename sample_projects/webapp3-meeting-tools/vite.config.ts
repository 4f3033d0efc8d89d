import { defineConfig } from 'vite'

// The branding manifest entry this plugin is deployed with (the workbench's preview and export use it too).
export const manifestEntry = {
  id: 'meeting-tools',
  src: './plugins/meeting-tools/index.html',
  sandboxValues: []
}

export default defineConfig({
  // Relative URLs: the app serves the plugin from webapp3/branding/plugins/<id>/.
  base: './',
  build: {
    target: 'esnext',
    rollupOptions: { output: { entryFileNames: 'assets/[name].js' } }
  }
})
