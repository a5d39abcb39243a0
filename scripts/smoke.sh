#!/usr/bin/env bash
# Starts the platform on the embedded database with the demo college, checks /api/health and a
# sign-in, kills the server with SIGKILL (leaving PostgreSQL orphaned), starts again and checks that
# the orphan was recovered and the data survived; finally stops cleanly with SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d /tmp/dj-smoke-XXXXXX)
port=3190
export DATA_DIR="$data" PORT=$port DJ_PG_PORT=54190 DJ_DEMO=1 DJ_ADMIN_PASSWORD='Smoke-Pass-2026!' LOG_LEVEL=warn
log="$data/server.log"

wait_health() {
  for _ in $(seq 1 240); do
    if curl -fsS "http://127.0.0.1:$port/api/health" 2>/dev/null | grep -q '"ok"'; then return 0; fi
    sleep 0.5
  done
  echo "server did not become healthy"; tail -n 50 "$log"; return 1
}
login_count_orgs() {
  local jar="$data/jar"
  curl -fsS -c "$jar" -H 'content-type: application/json' -d '{"username":"admin","password":"Smoke-Pass-2026!"}' "http://127.0.0.1:$port/api/auth/login" >/dev/null
  curl -fsS -b "$jar" "http://127.0.0.1:$port/api/orgs" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).length))'
}

node scripts/start.mjs >"$log" 2>&1 &
pid=$!
wait_health
n1=$(login_count_orgs)
echo "first start: healthy, $n1 orgs visible to admin"
[ "$n1" -gt 40 ]

kill -9 "$pid"; wait "$pid" 2>/dev/null || true
pgrep -f "postgres -D $data/pg" >/dev/null && echo "postgres orphaned as expected after kill -9"

node scripts/start.mjs >>"$log" 2>&1 &
pid=$!
wait_health
n2=$(login_count_orgs)
echo "second start: healthy, $n2 orgs"
[ "$n1" = "$n2" ]
grep -q "遗留的数据库进程" "$log" && echo "orphan recovered"

kill -TERM "$pid"; wait "$pid" || true
sleep 1
if pgrep -f "postgres -D $data/pg" >/dev/null; then echo "postgres still running after SIGTERM"; exit 1; fi
echo "stopped cleanly"
rm -rf "$data"
