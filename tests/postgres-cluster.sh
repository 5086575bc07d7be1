#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, from Debian's postgresql package, on 127.0.0.1.
#
#   tests/postgres-cluster.sh start FOLDER PORT   initialises FOLDER, starts the server, prints a connection string
#   tests/postgres-cluster.sh stop FOLDER         stops it and deletes FOLDER
#
# Durability is switched off (fsync, synchronous commit): the cluster lives for one test run. As root the server
# runs as the "postgres" user the package creates (PostgreSQL refuses to run as root).
set -euo pipefail
command=$1 folder=$2 port=${3:-25432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)." >&2; exit 1; }

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case $command in
start)
    # Something already answering on the port (a cluster left from an earlier run, a local PostgreSQL) would make the
    # server fail to start with the reason only in its log: say so plainly.
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "Port $port on 127.0.0.1 is already in use (a PostgreSQL left running?): stop it, or choose another port" \
            "with AIPOLICYHUB_TEST_POSTGRES_PORT." >&2
        exit 1
    fi
    mkdir -p "$folder"
    [ "$(id -u)" = 0 ] && chown postgres: "$folder"
    as_owner "$bin/initdb" -D "$folder/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$folder/initdb.log"
    as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 start -o \
        "-c listen_addresses=127.0.0.1 -p $port -k $folder -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
        >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
stop)
    if [ -d "$folder/data" ]; then
        as_owner "$bin/pg_ctl" -D "$folder/data" -m immediate -w stop >/dev/null || true
    fi
    rm -rf "$folder"
    ;;
*)
    echo "usage: $0 start FOLDER PORT | stop FOLDER" >&2
    exit 2
    ;;
esac
