#!/usr/bin/env bash
# Validates compose/docker-compose.yml with real compose parsers (no Docker engine needed):
#   * every parser found: the `docker compose` plugin (v2) and/or `docker-compose` (Debian 12's
#     1.29.2, Python). When neither is present, installs Debian's `docker-compose` with apt-get
#     (as root, or with passwordless sudo); fails when that is impossible.
#   * the resolved config (`config`) must parse with no error and no warning;
#   * structural rules of docs/deploy.md: the expected services, workers scalable with
#     `--scale` (no container_name, no published ports), only the catalog's, classifier's and monitor's ports
#     published, `init: true`, `stop_grace_period` above each service's `STA_SHUTDOWN_TIMEOUT`,
#     `["CMD", "<service>", "health"]` healthchecks, workers depending on a healthy catalog and
#     monitor, the `project` volume on the catalog and the classifier only, every env/<service>.env key documented
#     in docs/configuration.md;
#   * self-tests: a misspelt key must be refused by the parser, and a `container_name` on a
#     worker must be refused by the structural rules (so the check cannot pass vacuously).
# Ends with a line "compose-check: N passed, M failed"; exits non-zero on any failure.
# STA_SKIP_COMPOSE_CHECK=1 skips it (machines with no compose parser and no root).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
FILE=compose/docker-compose.yml

if [ "${STA_SKIP_COMPOSE_CHECK:-0}" = 1 ]; then
  echo "compose-check: skipped (STA_SKIP_COMPOSE_CHECK=1)"
  exit 0
fi

find_parsers() {
  PARSERS=()
  if docker compose version >/dev/null 2>&1; then PARSERS+=("docker compose"); fi
  if command -v docker-compose >/dev/null 2>&1; then PARSERS+=("docker-compose"); fi
}

find_parsers
if [ "${#PARSERS[@]}" -eq 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    if sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
      echo "compose-check: no compose parser (docker compose / docker-compose) and not root:" >&2
      echo "  install Debian's docker-compose (apt-get install docker-compose) or set STA_SKIP_COMPOSE_CHECK=1" >&2
      exit 1
    fi
  fi
  echo "compose-check: installing Debian's docker-compose"
  log="$(mktemp)"
  if ! { $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose; } \
       >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"
    echo "compose-check: apt-get install docker-compose failed" >&2
    exit 1
  fi
  rm -f "$log"
  find_parsers
  if [ "${#PARSERS[@]}" -eq 0 ]; then
    echo "compose-check: apt-get installed docker-compose but no parser runs" >&2
    exit 1
  fi
fi

# A Python with PyYAML reads the v1 parser's YAML output; Debian's docker-compose depends on
# python3-yaml, so its own interpreter has it. The v2 parser prints JSON.
PY=python3
for candidate in /usr/bin/python3 python3; do
  if "$candidate" -c 'import yaml' 2>/dev/null; then PY="$candidate"; break; fi
done

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
PASSED=0
FAILED=0
pass() { PASSED=$((PASSED + 1)); echo "  ok: $*"; }
fail() { FAILED=$((FAILED + 1)); echo "  FAIL: $*"; }

# resolve PARSER DIR OUT: writes the resolved config as JSON to OUT; returns the parser's status.
resolve() {
  local parser="$1" dir="$2" out="$3"
  # Unset our own variables so the file's defaults (compose/.env) are what is checked.
  if ! (cd "$dir" && env -u STA_IMAGE -u SWIFT_IMAGE $parser -f docker-compose.yml config \
          >"$WORK/resolved.out" 2>"$WORK/resolved.err"); then
    return 1
  fi
  # Any diagnostic counts: v2 prints "WARN[…]", v1 just "The X variable is not set. …".
  if [ -s "$WORK/resolved.err" ]; then
    cat "$WORK/resolved.err" >&2
    return 2
  fi
  if [ "$parser" = "docker compose" ]; then
    (cd "$dir" && $parser -f docker-compose.yml config --format json >"$out" 2>/dev/null) && return 0
  fi
  "$PY" -c 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)' \
    <"$WORK/resolved.out" >"$out"
}

# rules CONFIG_JSON: the structural rules; prints "ok:"/"FAIL:" lines, exits 1 on any failure.
rules() {
  "$PY" - "$1" "$ROOT/compose/env" "$ROOT/docs/configuration.md" <<'PYTHON'
import json, os, re, sys
config = json.load(open(sys.argv[1]))
env_dir, doc = sys.argv[2], open(sys.argv[3]).read()
services = config.get("services", {})
expected = ["keys", "catalog", "monitor", "extractor", "reconstructor", "classifier", "aligner"]
long_running = expected[1:]
workers = ["extractor", "reconstructor", "classifier", "aligner"]
published = {"catalog": {5555}, "classifier": {5556}, "monitor": {5557, 5558}}
failures = 0
def check(ok, text):
    global failures
    print(("  ok: " if ok else "  FAIL: ") + text)
    failures += 0 if ok else 1

def seconds(duration):
    """Compose durations: '40s', '1m15s', '1m', or a number of seconds."""
    if isinstance(duration, (int, float)): return float(duration)
    units = {"h": 3600, "m": 60, "s": 1, "ms": 1e-3, "us": 1e-6, "ns": 1e-9}
    parts = re.findall(r"([0-9.]+)(h|ms|us|ns|m|s)", str(duration))
    return sum(float(n) * units[u] for n, u in parts) if parts else float("nan")

def targets(ports):
    out = set()
    for p in ports or []:
        out.add(int(p["target"]) if isinstance(p, dict) else int(str(p).split(":")[-1].split("/")[0]))
    return out

def mounts(svc):
    out = []
    for v in services[svc].get("volumes", []):
        if isinstance(v, dict): out.append((v.get("source"), v.get("target"), bool(v.get("read_only"))))
        else:
            f = v.split(":"); out.append((f[0], f[1], len(f) > 2 and "ro" in f[2].split(",")))
    return out

check(sorted(services) == sorted(expected), f"services are {sorted(expected)} (found {sorted(services)})")
for s in services:
    check("container_name" not in services[s], f"{s}: no container_name (so --scale can name replicas)")
for s in services:
    want = published.get(s, set())
    check(targets(services[s].get("ports")) == want,
          f"{s}: published container ports {sorted(want) or 'none'} (found {sorted(targets(services[s].get('ports')))})")
for s in long_running:
    if s not in services: continue
    svc, env = services[s], services[s].get("environment", {}) or {}
    check(svc.get("init") is True, f"{s}: init: true")
    bound = float(env.get("STA_SHUTDOWN_TIMEOUT", "nan"))
    grace = seconds(svc.get("stop_grace_period", "0s"))
    check(grace > bound, f"{s}: stop_grace_period {grace:g} s > graceful-shutdown bound STA_SHUTDOWN_TIMEOUT {bound:g} s")
    check((svc.get("healthcheck") or {}).get("test") == ["CMD", s, "health"], f"{s}: healthcheck is [CMD, {s}, health]")
    check(any(src == "keys" and ro for src, _, ro in mounts(s)), f"{s}: keys volume mounted read-only")
    has_env_file = os.path.isfile(os.path.join(env_dir, f"{s}.env"))
    check(has_env_file, f"{s}: compose/env/{s}.env exists")
    if has_env_file:
        keys = [l.split("=", 1)[0].strip() for l in open(os.path.join(env_dir, f"{s}.env"))
                if "=" in l and not l.lstrip().startswith("#")]
        section = re.search(rf"^## `{s}`$(.*?)(?=^## |\Z)", doc, re.S | re.M)
        common = re.search(r"^## Common flags$(.*?)(?=^## |\Z)", doc, re.S | re.M)
        documented = set(re.findall(r"`(STA_[A-Z_]+)`", (section.group(1) if section else "") +
                                    (common.group(1) if common else "")))
        missing = [k for k in keys if k not in documented]
        check(keys and not missing, f"{s}: env keys {keys} documented in docs/configuration.md (missing {missing})")
        check(all(str(env.get(k)) != "None" for k in keys), f"{s}: env_file resolved into environment")
for s in workers:
    deps = services.get(s, {}).get("depends_on", {})
    ok = isinstance(deps, dict) and all((deps.get(d) or {}).get("condition") == "service_healthy"
                                        for d in ["catalog", "monitor"])
    check(ok, f"{s}: depends_on catalog and monitor with condition service_healthy")
check(((services.get("aligner", {}).get("depends_on") or {}).get("classifier") or {}).get("condition")
      == "service_healthy", "aligner: depends_on a healthy classifier")
with_project = sorted(s for s in services if any(src == "project" for src, _, _ in mounts(s)))
check(with_project == ["catalog", "classifier"], f"project volume mounted on the catalog and the classifier only (found {with_project})")
check((services.get("catalog", {}).get("environment") or {}).get("STA_PROJECT") ==
      next((t for src, t, _ in mounts("catalog") if src == "project"), None) if "catalog" in services else False,
      "catalog: STA_PROJECT is the project volume's mount point")
sys.exit(1 if failures else 0)
PYTHON
}

for parser in "${PARSERS[@]}"; do
  echo "== $parser ($($parser version --short 2>/dev/null || $parser version | head -1))"
  if resolve "$parser" "$ROOT/compose" "$WORK/config.json"; then
    pass "$FILE parses with no error or warning"
  else
    fail "$FILE does not parse cleanly:"; sed 's/^/    /' "$WORK/resolved.err"; continue
  fi
  echo "  services: $(cd compose && $parser -f docker-compose.yml config --services 2>/dev/null | tr '\n' ' ')"
  out="$(rules "$WORK/config.json")" || true
  ok_count="$(grep -c '^  ok:' <<<"$out" || true)"
  fail_count="$(grep -c '^  FAIL:' <<<"$out" || true)"
  grep '^  FAIL:' <<<"$out" || true
  echo "  structural rules: ${ok_count} ok, ${fail_count} failed (STA_COMPOSE_CHECK_VERBOSE=1 lists them)"
  [ "${STA_COMPOSE_CHECK_VERBOSE:-0}" = 1 ] && grep '^  ok:' <<<"$out"
  PASSED=$((PASSED + ok_count)); FAILED=$((FAILED + fail_count))
  [ "$ok_count" -gt 0 ] || fail "structural rules ran no check"

  # Self-tests on mutated copies: the parser and the rules must each catch one defect.
  rm -rf "$WORK/copy" && mkdir -p "$WORK/copy" && cp -r "$ROOT/compose" "$WORK/copy/"
  sed -i 's/^    stop_grace_period: 40s$/    stop_grace_perod: 40s/' "$WORK/copy/compose/docker-compose.yml"
  if resolve "$parser" "$WORK/copy/compose" "$WORK/bad.json"; then
    fail "self-test: a misspelt key (stop_grace_perod) was accepted"
  else
    pass "self-test: a misspelt key (stop_grace_perod) is refused by the parser"
  fi
  rm -rf "$WORK/copy" && mkdir -p "$WORK/copy" && cp -r "$ROOT/compose" "$WORK/copy/"
  sed -i 's/^    command: \["aligner"\]$/&\n    container_name: aligner/' "$WORK/copy/compose/docker-compose.yml"
  if resolve "$parser" "$WORK/copy/compose" "$WORK/bad.json" \
     && { rules "$WORK/bad.json" || true; } >"$WORK/bad.out" \
     && grep -q '^  FAIL: aligner: no container_name' "$WORK/bad.out"; then
    pass "self-test: container_name on a worker is refused by the rules"
  else
    fail "self-test: container_name on a worker was not caught"
  fi
done

# The Dockerfile's apt package names must exist in Debian 12 (checked where apt-cache knows
# bookworm's lists, as on CI; the image cannot be built here without a Docker engine).
if command -v apt-cache >/dev/null && grep -q '^VERSION_CODENAME=bookworm' /etc/os-release 2>/dev/null \
   && compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
  echo "== compose/Dockerfile (apt package names against this Debian 12's lists)"
  packages="$(awk '/apt-get install -y --no-install-recommends/ {on=1; next}
                   on && /&&/ {on=0} on {gsub(/\\/, ""); print}' compose/Dockerfile | xargs)"
  for p in $packages; do
    if apt-cache show "$p" >/dev/null 2>&1; then pass "apt package $p exists"; else fail "apt package $p not found"; fi
  done
  [ -n "$packages" ] || fail "no apt packages found in compose/Dockerfile"
fi

echo "== compose/slurm/aligner-pool.sbatch"
SBATCH=compose/slurm/aligner-pool.sbatch
if bash -n "$SBATCH"; then pass "bash syntax"; else fail "bash syntax"; fi
# The SIGTERM that SLURM sends before the time limit must leave the aligner its graceful bound.
warning="$(sed -n 's/^#SBATCH --signal=B:TERM@\([0-9]*\)$/\1/p' "$SBATCH")"
bound="$(sed -n 's/^STA_SHUTDOWN_TIMEOUT=//p' compose/env/aligner.env)"
if [ -n "$warning" ] && [ -n "$bound" ] && [ "$warning" -gt "$bound" ] \
   && grep -q "STA_SHUTDOWN_TIMEOUT:-${bound}}" "$SBATCH"; then
  pass "--signal=B:TERM@${warning} > aligner graceful bound ${bound} s"
else
  fail "--signal=B:TERM@N must exceed the aligner's STA_SHUTDOWN_TIMEOUT (${bound:-?} s), found '${warning}'"
fi
if grep -q '^exec ' "$SBATCH"; then pass "the batch shell execs the worker (B:TERM reaches it)"; \
else fail "the batch shell must exec the worker so that --signal=B:TERM reaches it"; fi

echo "compose-check: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
