#!/usr/bin/env bash
# Starts the built image as a container runtime would, with no container runtime: unpacks its
# layers into a temporary root and runs its entrypoint there, with its environment, user and
# working directory, in namespaces of its own (mount, pid). It runs on the embedded defaults
# (H2, GreenMail: the demo profile) on free ports and passes once /actuator/health is UP.
#   check.sh <image.tar>     needs tar, jq, curl and util-linux's unshare; IMAGE_CHECK_SECONDS bounds the wait (600)
set -euo pipefail
tarball=$1
deadline=${IMAGE_CHECK_SECONDS:-600}

work=$(mktemp -d)
runner=""
stop() {
  # unshare ignores SIGTERM while it waits: stop the entrypoint (its child, pid 1 inside) instead.
  local pid i
  pid=$([ -n "$runner" ] && ps -o pid= --ppid "$runner" || true)
  if [ -n "$pid" ]; then
    kill -TERM $pid 2>/dev/null || true
    for ((i = 0; i < 30; i++)); do kill -0 $pid 2>/dev/null || break; sleep 1; done
    kill -KILL $pid 2>/dev/null || true
  fi
  [ -z "$runner" ] || wait "$runner" 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT
mkdir -p "$work/oci" "$work/root"
tar -xf "$tarball" -C "$work/oci" --warning=no-unknown-keyword

blob() { echo "$work/oci/blobs/${1/://}"; }
manifest=$(blob "$(jq -r '.manifests[0].digest' "$work/oci/index.json")")
config=$(blob "$(jq -r '.config.digest' "$manifest")")
for layer in $(jq -r '.layers[].digest' "$manifest"); do
  tar -xzf "$(blob "$layer")" -C "$work/root" --warning=no-unknown-keyword
done
mkdir -p "$work/root/proc" "$work/root/dev"

mapfile -t command < <(jq -r '(.config.Entrypoint // []) + (.config.Cmd // []) | .[]' "$config")
mapfile -t environment < <(jq -r '.config.Env[]' "$config")
user=$(jq -r '.config.User // "0"' "$config")
workdir=$(jq -r '.config.WorkingDir // "/"' "$config")
echo "image: user $user, working directory $workdir, entrypoint: ${command[*]}"

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
http=$(free_port) smtp=$(free_port) imap=$(free_port)
environment+=(SPRING_PROFILES_ACTIVE=demo SERVER_ADDRESS=127.0.0.1 "SERVER_PORT=$http"
  "SPRING_MAIL_PORT=$smtp" "RECOVERY_MAIL_IMAP_PORT=$imap")

# As root the entrypoint runs as the image's user; otherwise as root of a user namespace.
namespaces=(--mount --pid --fork --kill-child)
as_user=()
if [ "$(id -u)" = 0 ]; then
  as_user=(--setuid "${user%%:*}" --setgid "${user##*:}")
else
  namespaces+=(--user --map-root-user)
fi

env -i "${environment[@]}" unshare "${namespaces[@]}" sh -c '
  root=$1; shift
  mount -t proc proc "$root/proc" && mount --rbind /dev "$root/dev" && exec unshare "$@"' \
  sh "$work/root" --root="$work/root" --wd="$workdir" "${as_user[@]}" "${command[@]}" \
  >"$work/out.log" 2>&1 &
runner=$!

health=""
for ((i = 0; i < deadline; i += 2)); do
  if ! kill -0 "$runner" 2>/dev/null; then
    tail -50 "$work/out.log"
    echo "image check: the entrypoint exited before it was healthy" >&2
    exit 1
  fi
  health=$(curl -s "http://127.0.0.1:$http/actuator/health" || true)
  [ "$health" = '{"status":"UP"}' ] && break
  sleep 2
done
if [ "$health" != '{"status":"UP"}' ]; then
  tail -50 "$work/out.log"
  echo "image check: no healthy answer within ${deadline}s (last: ${health:-none})" >&2
  exit 1
fi
java=$(ps -o pid= --ppid "$runner" | head -1)
echo "image check: GET /actuator/health -> $health after ~${i}s; process: $(ps -o user=,uid=,args= -p "$java" | cut -c1-120)"
grep -m1 "Started RecoveryDeskApplication" "$work/out.log" || true
