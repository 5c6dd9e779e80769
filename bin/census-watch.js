#!/usr/bin/env node
// React's development build leaks a PerformanceMeasure per commit (about 890 bytes each, never freed);
// a watcher left open for days must load the production build. Static imports are hoisted above any
// statement, so the app is imported dynamically after NODE_ENV is set.
process.env.NODE_ENV ??= 'production';
const {main} = await import('../dist/cli.js');
await main(process.argv.slice(2));
