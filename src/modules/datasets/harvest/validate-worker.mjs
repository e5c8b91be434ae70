// A worker thread's entry (see BackgroundValidation in validate.ts). Compiled (dist/, production) it loads the
// compiled module beside it; from the sources (development, tests) it loads them through tsx first.
import fs from 'node:fs';

const compiled = new URL('./validate-worker.js', import.meta.url);
if (fs.existsSync(compiled)) await import(compiled.href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./validate-worker.ts');
}
