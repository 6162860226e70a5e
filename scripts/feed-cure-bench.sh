#!/bin/sh
# The change feed's cure, measured (docs/DECISIONS.md, "The change feed never skips").
# Write transactions per second with CLIENTS concurrent writers on a private PostgreSQL cluster
# (fsync on), for: no cure (the ceiling), cure A (positions handed out at commit under a lock
# held to the end of the transaction), cure B (picnic_take_positions: a short lock at the start,
# readers stop below the oldest running transaction), each with and without a NOTIFY inside the
# transaction. Variants alternate within each round.
#   scripts/feed-cure-bench.sh [PICNIC_SERVER_BINARY]     env: CLIENTS=16 SECONDS_EACH=15 ROUNDS=3
set -eu
server=${1:-.build/debug/picnic-server}
clients=${CLIENTS:-16}
each=${SECONDS_EACH:-15}
rounds=${ROUNDS:-3}
bin=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
folder=$(mktemp -d /tmp/picnic-cure-XXXXXX)
as_pg=""
if [ "$(id -u)" = 0 ]; then chown postgres "$folder"; as_pg="runuser -u postgres --"; fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cleanup() { $as_pg "$bin/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$folder"; }
trap cleanup EXIT INT TERM
$as_pg "$bin/initdb" -D "$folder/data" -A trust -U postgres >/dev/null
$as_pg "$bin/pg_ctl" -D "$folder/data" -l "$folder/log" -w -o "-k $folder -c listen_addresses=127.0.0.1 -p $port -c max_connections=100" start >/dev/null
psql="psql -X -q -h 127.0.0.1 -p $port -U postgres"
$psql -d postgres -c "CREATE DATABASE bench"
"$server" migrate --db "postgres://postgres@127.0.0.1:$port/bench" >/dev/null
$psql -d bench -c "CREATE SEQUENCE bench_id; CREATE SEQUENCE bench_position;
  CREATE TABLE bench_rows (id bigint PRIMARY KEY, position bigint NOT NULL, body text NOT NULL)"

write() { printf '%s\n' "$2" > "$folder/$1.sql"; }
row="nextval('bench_id'), :p, repeat('x', 300)"
write none "BEGIN;
SELECT nextval('bench_position') AS p \\gset
INSERT INTO bench_rows VALUES ($row);
COMMIT;"
write lock "BEGIN;
INSERT INTO bench_rows VALUES (nextval('bench_id'), 0, repeat('x', 300)) RETURNING id \\gset
SELECT pg_advisory_xact_lock(1885957731, 9);
UPDATE bench_rows SET position = nextval('bench_position') WHERE id = :id;
COMMIT;"
write xmin "BEGIN;
SELECT picnic_take_positions(1) AS p \\gset
INSERT INTO bench_rows VALUES ($row);
COMMIT;"
for v in none lock xmin; do
  sed "s/^COMMIT;/SELECT pg_notify('picnic_bench', '1');\nCOMMIT;/" "$folder/$v.sql" > "$folder/${v}_notify.sql"
done

echo "feed cure: $clients writers, ${each}s each, $rounds rounds; $(uptime | sed 's/.*load/load/')"
for r in $(seq "$rounds"); do
  line="round $r:"
  for v in none lock xmin none_notify lock_notify xmin_notify; do
    tps=$(pgbench -n -h 127.0.0.1 -p "$port" -U postgres -c "$clients" -j 2 -T "$each" -f "$folder/$v.sql" bench 2>/dev/null \
          | sed -n 's/^tps = \([0-9.]*\) .*/\1/p' | cut -d. -f1)
    line="$line  $v=$tps"
  done
  echo "$line"
done
# The reader's side: the head query against what a plain max(position) costs.
echo "head: $(pgbench -n -h 127.0.0.1 -p "$port" -U postgres -c 4 -j 2 -T 5 -f /dev/stdin bench 2>/dev/null <<SQL | sed -n 's/^tps = \([0-9.]*\) .*/\1/p' | cut -d. -f1
SELECT picnic_head();
SQL
) picnic_head()/s with 4 clients; load $(uptime | sed 's/.*average: //')"
