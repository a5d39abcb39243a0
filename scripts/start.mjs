// `npm start`: build the web app when its sources changed, then run the server (TypeScript via tsx).
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'apps/web/dist/index.html');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.ts', 'packages/core/src'].map(
  (p) => path.join(root, p),
);
const stale =
  !existsSync(dist) ||
  sources.some(
    (s) =>
      existsSync(s) && (statSync(s).isDirectory() ? newest(s) : statSync(s).mtimeMs) > statSync(dist).mtimeMs,
  );
if (stale && process.env.DJ_SKIP_WEB_BUILD !== '1') {
  console.log('[dangjian] 正在构建前端（首次或源代码有更新）…');
  try {
    execSync('npm run build -w apps/web', { cwd: root, stdio: 'inherit' });
  } catch {
    console.error(
      '[dangjian] 启动失败：前端构建失败（见上方输出；可先执行 npm install）。/ The web build failed (see above; run npm install first).',
    );
    process.exit(1);
  }
}

const { register } = await import('tsx/esm/api');
register();
await import(path.join(root, 'apps/server/src/main.ts'));
