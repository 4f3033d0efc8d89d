// Builds the plugin as the web app loads it: dist/plugins/hand-raise/{index.js, plugin.json, assets/}.
// settings.json and manifest.json of the branding package are in dev-assets/.
const path = require('path');
const CopyPlugin = require('copy-webpack-plugin');
const GenerateJsonPlugin = require('generate-json-webpack-plugin');

const pkg = require('./package.json');
const pluginJson = require('./templates/plugin.json');

const pluginName = 'hand-raise';
pluginJson.version = pkg.version;

module.exports = {
  entry: './src/index.ts',
  module: {
    rules: [{ test: /\.ts$/, use: 'ts-loader', exclude: /node_modules/ }],
  },
  resolve: { extensions: ['.ts', '.js'] },
  output: {
    filename: 'index.js',
    path: path.resolve(__dirname, 'dist/plugins/' + pluginName),
    clean: true,
  },
  plugins: [
    new GenerateJsonPlugin('plugin.json', pluginJson, null, 2),
    new CopyPlugin({ patterns: [{ from: 'src/assets', to: 'assets' }] }),
  ],
  devtool: false,
  performance: { hints: false },
};
