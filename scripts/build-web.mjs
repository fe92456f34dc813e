// Builds the web app (web/ → web/dist) with Vite, unless web/dist was built from exactly the current
// sources: `npm start` and the e2e test call it every time and pay nothing when nothing changed.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = join(root, 'web');
const stampFile = join(web, 'dist', '.sources');
// The app imports a few pure modules of the project itself (live totals, the decision key).
const INPUTS = [
  'web/src',
  'web/public',
  'web/index.html',
  'web/vite.config.ts',
  'src/model/totals.ts',
  'src/review/quote.ts',
  'package-lock.json',
];

function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

function sourcesHash() {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((input) => files(join(root, input)))) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const wanted = sourcesHash();
const built = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
if (built === wanted && existsSync(join(web, 'dist', 'index.html'))) process.exit(0);

const started = Date.now();
const { build } = await import('vite');
await build({ configFile: join(web, 'vite.config.ts'), logLevel: 'warn' });
writeFileSync(stampFile, wanted);
process.stderr.write(`jixiao：网页已构建（web/dist，${((Date.now() - started) / 1000).toFixed(1)} 秒）\n`);
