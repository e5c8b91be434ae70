// `npm run build`: compiles the application to dist/ (tsconfig.build.json) and copies the files it reads at run time
// (migrations, locales, SHACL shapes, vocabularies, JSON-LD contexts, CSS and images) beside the compiled code, so
// `node dist/src/server.js` finds them where the sources do. Plain JavaScript: it runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const compiled = /\.(ts|tsx)$/;

fs.rmSync(dist, { recursive: true, force: true });
const tsc = spawnSync(path.join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

let copied = 0;
const copy = (from, to) => {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
  copied++;
};
for (const file of fs.readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' })) {
  const from = path.join(root, 'src', file);
  if (compiled.test(file) || file.startsWith('test' + path.sep) || !fs.statSync(from).isFile()) continue;
  copy(from, path.join(dist, 'src', file));
}
for (const file of fs.readdirSync(path.join(root, 'data-vocabularies')))
  copy(path.join(root, 'data-vocabularies', file), path.join(dist, 'data-vocabularies', file));
console.log(`Built dist/ (${copied} files copied beside the compiled code).`);
