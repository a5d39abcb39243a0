#!/usr/bin/env bash
# First install as root on a server (CI, run as root): clone the repository into a fresh /root/dj-root-XXXX
# (mode 0700, which the postgres user cannot enter), install (node_modules hard-linked from this checkout instead
# of downloading it again), `npm start` on the embedded database, wait for /api/health, check that the log says
# where the database files live, stop with SIGTERM and clean up.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" != 0 ]; then echo "root-install-check: not root, skipped"; exit 0; fi
src=$(pwd)
dest=$(mktemp -d /root/dj-root-XXXXXX)
chmod 700 /root "$dest"
port=3191
pgport=54191
log="$dest/server.log"
system=/var/lib/dangjian
had_binaries=$(ls -d "$system"/pg-* 2>/dev/null || true)
pid=""
# The server stops its PostgreSQL (a detached process) on SIGTERM; wait for it.
postgres_gone() {
  for _ in $(seq 1 60); do
    pgrep -f "postgres -D $system/clusters/app-" >/dev/null || return 0
    sleep 0.5
  done
  return 1
}
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM -- "-$pid"; wait "$pid" || true; fi
  postgres_gone || true
  if [ -f "$dest/app/data/pg-location" ]; then rm -rf "$(dirname "$(cat "$dest/app/data/pg-location")")"; fi
  if [ -z "$had_binaries" ]; then rm -rf "$system"/pg-*; fi
  rm -rf "$dest"
}
trap cleanup EXIT

git clone -q "$src" "$dest/app"
# ROOT_CHECK_WORKTREE=1: check the working tree's uncommitted files too.
if [ "${ROOT_CHECK_WORKTREE:-0}" = 1 ]; then
  (cd "$src" && git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$dest/app")
fi
# `npm ci` would download everything again: hard-link the installed tree instead (same lockfile).
cp -al "$src/node_modules" "$dest/app/node_modules"
for ws in packages/core apps/server apps/web e2e; do
  if [ -d "$src/$ws/node_modules" ]; then cp -al "$src/$ws/node_modules" "$dest/app/$ws/node_modules"; fi
done

cd "$dest/app"
# The web build is not what this checks (and takes a minute); the server starts without it.
# In its own process group, so that SIGTERM reaches npm and the server as a service manager would send it.
DJ_SKIP_WEB_BUILD=1 DJ_DEMO=0 PORT=$port DJ_PG_PORT=$pgport LOG_LEVEL=warn \
  setsid npm start >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do
  if curl -fsS "http://127.0.0.1:$port/api/health" 2>/dev/null | grep -q '"ok"'; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "server exited:"; cat "$log"; exit 1; fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/api/health" | grep -q '"ok"' || { echo "not healthy"; cat "$log"; exit 1; }
echo "healthy as root from $dest/app"
grep -q "数据库文件位于 $system/clusters/" "$log" || { echo "the log does not say where the database lives:"; cat "$log"; exit 1; }
grep "数据库文件" "$log"
if grep -q "EACCES\|    at " "$log"; then echo "stack trace in the log:"; cat "$log"; exit 1; fi

kill -TERM -- "-$pid"; wait "$pid" || true
pid=""
postgres_gone || { echo "postgres still running 30 s after SIGTERM"; exit 1; }
grep -q "已停止" "$log" || { echo "the server did not stop cleanly:"; cat "$log"; exit 1; }
echo "root install: ok"
