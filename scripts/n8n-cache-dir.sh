#!/usr/bin/env bash
# bash scripts/n8n-cache-dir.sh [2.x|1.x]
# Prints the folder scripts/lib/n8n/install.ts installs Node 24 and the given n8n line (default 2.x) into (its
# installPaths(line).dir, scripts/lib/n8n/paths.ts), with nothing but Node and coreutils: the CI workflow caches
# that folder, and needs its name before `npm ci` has brought ts-node. `npm run check:workflows` checks that this
# script and paths.ts agree for every line.
set -euo pipefail
scripts="$(cd "$(dirname "$0")" && pwd)"
line="${1:-2.x}"
case "$line" in
2.x) host="$scripts/n8n-host" ;;
1.x) host="$scripts/n8n-host-1x" ;;
*)
	echo "unknown n8n line $line (2.x or 1.x)" >&2
	exit 1
	;;
esac

node_version="$(sed -n "s/^export const NODE_VERSION = '\([^']*\)';$/\1/p" "$scripts/lib/n8n/project.ts")"
[ -n "$node_version" ] || { echo "no NODE_VERSION in $scripts/lib/n8n/project.ts" >&2; exit 1; }
n8n_version="$(node -p "require(process.argv[1]).dependencies.n8n" "$host/package.json")"
platform="$(node -p 'process.platform + "-" + process.arch')"
# paths.ts hashes the two files one after the other, as one stream
hash="$(cat "$host/package.json" "$host/package-lock.json" | sha256sum | cut -c1-10)"

if [ -n "${HERO_N8N_CACHE:-}" ]; then
	root="$(realpath -m "$HERO_N8N_CACHE")"
else
	root="${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-hero-health"
fi
echo "$root/n8n-${n8n_version}_node-${node_version}_${platform}_${hash}"
