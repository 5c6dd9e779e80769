#!/usr/bin/env node
// React's development build leaks a PerformanceMeasure per commit (about 890 bytes each, never freed);
// a watcher left open for days must load the production build. Static imports are hoisted above any
// statement, so the app is imported dynamically after NODE_ENV is set. It is the bundled build (one file per
// lazily loaded part): resolving and loading Ink's hundreds of small modules took ~0.5 s of every start.
process.env.NODE_ENV ??= 'production';
const {main} = await import('../dist/bundle/cli.js');
await main(process.argv.slice(2));
