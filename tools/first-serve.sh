#!/usr/bin/env bash
# How long a fresh clone's first `./microgpt serve` takes until it answers HTTP (the build of the
# jar included), for two commits, run in turns on this machine so that its load weighs on both:
# by default 555a1de (the last commit before the browser engine's web module) and HEAD.
#
# The Maven repository is warm: each commit first builds once, untimed, in a throwaway clone, so
# that no timed run downloads anything (the figure is the build, not the network).
#
# Usage: tools/first-serve.sh [ROUNDS] [OLD] [NEW]     (defaults: 2 555a1de HEAD)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-2}"
old="$(git -C "$root" rev-parse --short "${2:-555a1de}")"
new="$(git -C "$root" rev-parse --short "${3:-HEAD}")"
data="${MICROGPT_DATA:-$root/../shared/data/names.txt}"
export MICROGPT_DATA="$(cd "$(dirname "$data")" && pwd)/$(basename "$data")"

work="$(mktemp -d /tmp/first-serve.XXXXXX)"
server=""   # the process group of the server being timed, if any

cleanup() {
  if [ -n "$server" ]; then
    kill -- "-$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Clones COMMIT afresh (no target/ folders), starts `./microgpt serve` in it and sets `seconds` to
# the time until the server answers any HTTP request; then stops the server and deletes the clone.
# (Not called as $(...): a subshell would keep `server` from the cleanup trap.)
time_first_serve() {
  local commit="$1" clone="$work/clone" port start status
  rm -rf "$clone"
  git clone -q --no-checkout "$root" "$clone"
  git -C "$clone" checkout -q --detach "$commit"
  port="$(free_port)"
  start="$(date +%s.%N)"
  # setsid: the launcher, Maven and the server share one process group that cleanup can stop.
  setsid "$clone/microgpt" serve --port "$port" >"$work/serve.log" 2>&1 &
  server=$!
  # Any HTTP answer counts (a 404 for a page that does not exist): it asks for no training.
  until status="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/first-serve-probe")" && [ "$status" != 000 ]; do
    if ! kill -0 "$server" 2>/dev/null; then
      echo "first-serve: ./microgpt serve of $commit exited before answering; its output:" >&2
      cat "$work/serve.log" >&2
      exit 1
    fi
    sleep 0.2
  done
  seconds="$(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')")"
  kill -- "-$server"
  wait "$server" 2>/dev/null || true
  server=""
  rm -rf "$clone"
}

echo "first ./microgpt serve of a fresh clone until it answers HTTP, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for commit in "$old" "$new"; do
  time_first_serve "$commit"
  echo "warming the Maven repository for $commit (not counted): $seconds s"
done
declare -A times=([$old]="" [$new]="")
for ((round = 1; round <= rounds; round++)); do
  for commit in "$old" "$new"; do
    time_first_serve "$commit"
    times[$commit]+="$seconds "
    echo "round $round: $commit $(git -C "$root" log -1 --format=%s "$commit" | cut -c1-60)…: $seconds s"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
for commit in "$old" "$new"; do
  echo "$commit: ${times[$commit]}(s)"
done
