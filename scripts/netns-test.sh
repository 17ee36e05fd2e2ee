#!/usr/bin/env bash
# Multi-host check of CURVE over TCP (issue 4) with the real services: three "hosts" made with
# `ip netns` on a private bridge (10.99.7.0/24, inside namespaces this script creates; the host's
# own network is not touched). ns1 runs the monitor and the catalog (`--bind tcp://10.99.7.1:5555
# --keys`), ns2 and ns3 each an extractor with an allowed client key, ns3 also a rogue extractor
# whose key is not allowed. A `sta.tilestats` job is submitted from ns2 over TCP+CURVE
# (`NetnsProbe submit`) and must succeed with the same `data_tilestats` as a reference run of the
# same project on ipc:// in this namespace; the catalog's log must record the rogue's refusal.
#
# Exit status: 0 passed, 1 failed, 77 skipped (not root, no iproute2, or namespaces not
# permitted: the reason is printed). Needs the debug build (`swift build`). Bounded: every
# process runs under `timeout`; namespaces are always deleted.
#   STA_BIN_DIR            where sta, catalog, extractor, monitor, NetnsProbe are (default .build/debug)
#   STA_NETNS_KEEP         a directory to keep keys and logs in (default: a temporary one, removed)
set -uo pipefail

BIN=${STA_BIN_DIR:-.build/debug}
STA="$BIN/sta"
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
for b in sta catalog extractor monitor NetnsProbe; do
    [ -x "$BIN/$b" ] || { echo "netns-test: FAILED: $BIN/$b missing; run swift build"; exit 1; }
done

cleanup() {
    for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done   # timeout forwards TERM to its child
    sleep 0.3
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

# keys: ns1's server pair, allow-list and own client pair (the catalog publishes to the monitor);
# one client pair per worker host; the rogue's pair is never allowed
"$STA" keys generate --name server --dir "$WORK/h1" >/dev/null || fail "sta keys generate server"
for h in h1 h2 h3 rogue; do
    "$STA" keys generate --name client --dir "$WORK/$h" >/dev/null || fail "sta keys generate $h"
    [ "$h" = h1 ] || cp "$WORK/h1/server.key" "$WORK/$h/server.key"
done
for h in h1 h2 h3; do
    "$STA" keys allow --dir "$WORK/h1" --as "client-$h.key" "$WORK/$h/client.key" >/dev/null || fail "sta keys allow $h"
done
ROGUE_KEY=$("$STA" keys show "$WORK/rogue/client.key" | sed -n 's/^public-key //p')

# the project, and the reference result of the same job on ipc:// in this namespace
"$STA" simulate --o "$WORK/p" --particles 1 --image-size 96 --thickness 32 --box 16 \
    --tilt-min=-6 --tilt-max=6 --tilt-step 6 >"$WORK/simulate.log" 2>&1 || fail "sta simulate"
cp -r "$WORK/p" "$WORK/ref"
PARAMS='{"tomograms":"tomograms.star","box":16}'
summary() { sed -n '/^data_tilestats/,/^data_tiles$/p' "$1"/TileStats/job*/stats.star | grep '^_sta'; }
timeout 20 "$BIN/catalog" --project "$WORK/ref" --bind "ipc://$WORK/ref.ipc" --events "ipc://$WORK/ref-events.ipc" \
    >"$WORK/ref-catalog.log" 2>&1 & PIDS+=($!)
timeout 20 "$BIN/extractor" --catalog "ipc://$WORK/ref.ipc" >"$WORK/ref-extractor.log" 2>&1 & PIDS+=($!)
timeout 20 "$BIN/NetnsProbe" submit --catalog "ipc://$WORK/ref.ipc" --type sta.tilestats --parameters "$PARAMS" \
    --timeout 15 >"$WORK/ref-submit.log" 2>&1 || fail "reference job: $(cat "$WORK/ref-submit.log")"
REFERENCE=$(summary "$WORK/ref")
[ -n "$REFERENCE" ] || fail "reference job wrote no data_tilestats"
for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done; wait "${PIDS[@]}" 2>/dev/null; PIDS=()

ENDPOINT="tcp://$NET.1:$PORT"
start() {   # start NS LOG COMMAND...
    local ns=$1 log=$2; shift 2
    ip netns exec "$ns" timeout 40 "$@" >"$WORK/$log.log" 2>&1 &
    PIDS+=($!)
}
start "$NS1" monitor "$BIN/monitor" serve --xsub "tcp://$NET.1:5557" --xpub "tcp://$NET.1:5558" --keys "$WORK/h1"
start "$NS1" catalog "$BIN/catalog" --project "$WORK/p" --bind "$ENDPOINT" --events "tcp://$NET.1:5557" \
    --keys "$WORK/h1" --heartbeat-ms 200
start "$NS3" rogue-ns3 "$BIN/extractor" --catalog "$ENDPOINT" --keys "$WORK/rogue" --name rogue-ns3 --heartbeat-ms 200
start "$NS2" worker-ns2 "$BIN/extractor" --catalog "$ENDPOINT" --keys "$WORK/h2" --name worker-ns2 --heartbeat-ms 200
start "$NS3" worker-ns3 "$BIN/extractor" --catalog "$ENDPOINT" --keys "$WORK/h3" --name worker-ns3 --heartbeat-ms 200
sleep 1
ip netns exec "$NS2" timeout 35 "$BIN/NetnsProbe" submit --catalog "$ENDPOINT" --keys "$WORK/h2" \
    --type sta.tilestats --parameters "$PARAMS" --timeout 30 >"$WORK/submit.log" 2>&1
rc=$?
cat "$WORK/submit.log"
[ "$rc" = 0 ] || fail "the job over TCP+CURVE did not succeed (exit $rc)"
RESULT=$(summary "$WORK/p")
[ "$RESULT" = "$REFERENCE" ] || fail "data_tilestats differs from the reference:
$RESULT
--- reference
$REFERENCE"
grep -F "refused CURVE connection from $NET.3" "$WORK/catalog.log" | grep -qF -e "$ROGUE_KEY" \
    || fail "no refusal recorded in the catalog log for the rogue key $ROGUE_KEY from $NET.3"
echo "netns-test: PASSED: $(head -1 "$WORK/submit.log") over $ENDPOINT with CURVE; data_tilestats equals the reference; rogue $ROGUE_KEY from $NET.3 refused"
