#!/usr/bin/env bash
# Multi-host check of CURVE over TCP (issue 4): three "hosts" made with `ip netns` on a private
# bridge (10.99.7.0/24, inside namespaces this script creates; the host's own network is not
# touched) run a job: the coordinator in ns1, workers in ns2 and ns3, and in ns3 also a worker
# whose key is not in the coordinator's allow-list, which must be refused.
#
# Exit status: 0 passed, 1 failed, 77 skipped (not root, no iproute2, or namespaces not
# permitted: the reason is printed). Needs the debug build (`swift build`).
#
# The commands are variables so the real services can replace the probe later: the script
# appends `--bind ENDPOINT --keys DIR` to the coordinator and
# `--catalog ENDPOINT --keys DIR --name NAME` to each worker (the services' flags), and expects
# the coordinator to print `result done=D/N workers=NAME:COUNT,...` and
# `refused address=A ... key=Z85`, and to exit 0 when the job is done.
#   STA_BIN_DIR            where `sta` and `NetnsProbe` are (default .build/debug)
#   STA_NETNS_COORDINATOR  default: "$STA_BIN_DIR/NetnsProbe coordinator --tasks 40 --expect-refusals 1 --timeout 20"
#   STA_NETNS_WORKER       default: "$STA_BIN_DIR/NetnsProbe worker --seconds 25"
#   STA_NETNS_TASKS        the N to expect in `done=N/N` (default 40)
#   STA_NETNS_KEEP         a directory to keep keys and logs in (default: a temporary one, removed)
set -uo pipefail

BIN=${STA_BIN_DIR:-.build/debug}
STA="$BIN/sta"
TASKS=${STA_NETNS_TASKS:-40}
COORDINATOR=${STA_NETNS_COORDINATOR:-"$BIN/NetnsProbe coordinator --tasks $TASKS --expect-refusals 1 --timeout 20"}
WORKER=${STA_NETNS_WORKER:-"$BIN/NetnsProbe worker --seconds 25"}
NET=10.99.7
PORT=5555
TAG="sta$$"
HUB="$TAG-hub"; NS1="$TAG-1"; NS2="$TAG-2"; NS3="$TAG-3"
CREATED=()
PIDS=()

skip() { echo "netns-test: SKIPPED: $*"; exit 77; }
fail() { echo "netns-test: FAILED: $*"; for f in "$WORK"/*.log; do [ -f "$f" ] && { echo "--- $f"; cat "$f"; }; done; exit 1; }

[ "$(id -u)" = 0 ] || skip "needs root to create network namespaces (CI runs as root)"
command -v ip >/dev/null || skip "no 'ip' command: install iproute2 (Debian: apt-get install iproute2)"
[ -x "$STA" ] && [ -x "$BIN/NetnsProbe" ] || { echo "netns-test: FAILED: $STA or $BIN/NetnsProbe missing; run swift build"; exit 1; }

cleanup() {
    for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null; done
    for ns in "${CREATED[@]}"; do
        for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done   # only ours live there
        ip netns del "$ns" 2>/dev/null
    done
    [ -z "${STA_NETNS_KEEP:-}" ] && rm -rf "$WORK"
}
WORK=${STA_NETNS_KEEP:-$(mktemp -d /tmp/sta-netns.XXXXXX)}
mkdir -p "$WORK"
trap cleanup EXIT
trap 'exit 1' INT TERM

err=$(ip netns add "$HUB" 2>&1) || skip "'ip netns add' is not permitted here: $err"
CREATED+=("$HUB")
for ns in "$NS1" "$NS2" "$NS3"; do ip netns add "$ns" || fail "ip netns add $ns"; CREATED+=("$ns"); done

# the hub namespace holds the bridge; each host gets a veth pair: eth0 in the host, pN in the hub
ip -n "$HUB" link add br0 type bridge && ip -n "$HUB" link set br0 up || fail "bridge in $HUB"
i=0
for ns in "$NS1" "$NS2" "$NS3"; do
    i=$((i + 1))
    ip link add eth0 netns "$ns" type veth peer name "p$i" netns "$HUB" || fail "veth for $ns"
    ip -n "$HUB" link set "p$i" master br0 && ip -n "$HUB" link set "p$i" up || fail "bridge port p$i"
    ip -n "$ns" addr add "$NET.$i/24" dev eth0 && ip -n "$ns" link set eth0 up && ip -n "$ns" link set lo up \
        || fail "address $NET.$i in $ns"
done

# keys: the coordinator's server pair and allow-list; one client pair per worker; the rogue's
# pair is never allowed
"$STA" keys generate --name server --dir "$WORK/h1" >/dev/null || fail "sta keys generate server"
for h in h2 h3 rogue; do
    "$STA" keys generate --name client --dir "$WORK/$h" >/dev/null || fail "sta keys generate $h"
    cp "$WORK/h1/server.key" "$WORK/$h/server.key"
done
"$STA" keys allow --dir "$WORK/h1" --as worker-ns2 "$WORK/h2/client.key" >/dev/null || fail "sta keys allow h2"
"$STA" keys allow --dir "$WORK/h1" --as worker-ns3 "$WORK/h3/client.key" >/dev/null || fail "sta keys allow h3"
ROGUE_KEY=$("$STA" keys show "$WORK/rogue/client.key" | sed -n 's/^public-key //p')

ENDPOINT="tcp://$NET.1:$PORT"
start() {   # start NS LOG COMMAND...
    local ns=$1 log=$2; shift 2
    ip netns exec "$ns" "$@" >"$WORK/$log.log" 2>&1 &
    PIDS+=($!)
}
# shellcheck disable=SC2086  # the command variables are word lists
start "$NS1" coordinator timeout 28 $COORDINATOR --bind "$ENDPOINT" --keys "$WORK/h1"
COORD_PID=${PIDS[-1]}
start "$NS3" rogue-ns3 $WORKER --catalog "$ENDPOINT" --keys "$WORK/rogue" --name rogue-ns3
start "$NS2" worker-ns2 $WORKER --catalog "$ENDPOINT" --keys "$WORK/h2" --name worker-ns2
start "$NS3" worker-ns3 $WORKER --catalog "$ENDPOINT" --keys "$WORK/h3" --name worker-ns3

wait "$COORD_PID"; rc=$?
for p in "${PIDS[@]:1}"; do kill -TERM "$p" 2>/dev/null; done
for _ in $(seq 30); do                                 # up to 3 s for the workers to report
    alive=0; for p in "${PIDS[@]:1}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break; sleep 0.1
done

cat "$WORK/coordinator.log"
grep -h "processed=" "$WORK"/worker-ns2.log "$WORK"/worker-ns3.log "$WORK"/rogue-ns3.log
[ "$rc" = 0 ] || fail "coordinator exited with $rc"
result=$(grep '^result ' "$WORK/coordinator.log") || fail "no result line"
[[ "$result" == *"done=$TASKS/$TASKS"* ]] || fail "not all tasks done: $result"
for w in worker-ns2 worker-ns3; do
    [[ "$result" =~ $w:[1-9] ]] || fail "$w did no work: $result"
done
[[ "$result" != *rogue* ]] || fail "the rogue worker got work through: $result"
grep -F "refused address=$NET.3 " "$WORK/coordinator.log" | grep -qF "key=$ROGUE_KEY" \
    || fail "no refusal recorded for the rogue key $ROGUE_KEY from $NET.3"
echo "netns-test: PASSED: $result; rogue $ROGUE_KEY from $NET.3 refused"
