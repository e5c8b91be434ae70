#!/usr/bin/env node
// The package's command. From a checkout it runs the TypeScript sources through tsx; where only the compiled
// application is installed (the container image: dist/ without src/), it runs that.
import fs from 'node:fs';

const sources = new URL('../src/cli.ts', import.meta.url);
let cli;
if (fs.existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(sources.href);
} else cli = await import(new URL('../dist/src/cli.js', import.meta.url).href);
process.exitCode = await cli.runCli(process.argv.slice(2));
