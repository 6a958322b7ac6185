#!/usr/bin/env bash
# npm run test:dates [-- <extra jest args>]
#
# Runs the unit suites (jest) once per faked clock (libfaketime), at instants that stress the UK calendar:
# the tests must hold on any date and at any hour. The clock starts at the given instant and then runs
# normally (FAKETIME_DONT_FAKE_MONOTONIC keeps timers working). Installs Debian's faketime if missing.
# Prints one line per date and exits non-zero if any date fails. Env: TEST_DATES_ONLY=<label substring>
# runs only the matching dates; TEST_DATES_WORKERS=<n> runs each date's jest on n workers instead of in band.
set -uo pipefail
cd "$(dirname "$0")/.."

# UTC instant | label (what London's clock and calendar show then)
DATES=(
	"2026-12-05 12:00:00|Sat 2026-12-05 12:00 GMT (weekend)"
	"2026-12-04 23:30:00|Fri 2026-12-04 23:30 GMT (Friday late evening)"
	"2027-03-27 23:30:00|Sat 2027-03-27 23:30 GMT (evening before the spring clock change)"
	"2027-10-30 22:30:00|Sat 2027-10-30 23:30 BST (evening before the autumn clock change)"
	"2028-02-29 12:00:00|Tue 2028-02-29 12:00 GMT (29 February)"
	"2026-12-31 23:30:00|Thu 2026-12-31 23:30 GMT (New Year's Eve late evening)"
	"2034-06-15 08:00:00|Thu 2034-06-15 09:00 BST (years ahead: no literal date may have passed)"
)

if ! command -v faketime >/dev/null 2>&1; then
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo="sudo"
	echo "[test:dates] installing faketime" >&2
	$sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq faketime >/dev/null || {
		echo "[test:dates] could not install faketime" >&2
		exit 2
	}
fi

# The instants are read as UTC whatever the machine's zone, which jest keeps (the tests must not depend on it).
export FAKETIME_DONT_FAKE_MONOTONIC=1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
workers=(--runInBand)
[ -n "${TEST_DATES_WORKERS:-}" ] && workers=("--maxWorkers=$TEST_DATES_WORKERS")
summary=()
failed=0
started=$SECONDS
for entry in "${DATES[@]}"; do
	instant="${entry%%|*}"
	label="${entry#*|}"
	if [ -n "${TEST_DATES_ONLY:-}" ] && [[ "$label" != *"$TEST_DATES_ONLY"* ]]; then continue; fi
	echo "[test:dates] ===== $label: faketime '$instant UTC' ====="
	result="$work/result.json"
	rm -f "$result"
	t0=$SECONDS
	faketime "$instant UTC" npx jest "${workers[@]}" --json --outputFile="$result" "$@"
	code=$?
	counts="$(node -e '
		const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
		console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numFailedTestSuites} failed suites`);
	' "$result" 2>/dev/null || echo "no result")"
	line="$label: $counts ($((SECONDS - t0)) s)"
	if [ "$code" -ne 0 ]; then
		failed=1
		line="FAIL $line"
	else
		line="ok   $line"
	fi
	summary+=("$line")
	echo "[test:dates] $line"
done

if [ "${#summary[@]}" -eq 0 ]; then
	echo "[test:dates] no date matches TEST_DATES_ONLY='${TEST_DATES_ONLY:-}'" >&2
	exit 2
fi
echo "[test:dates] ===== summary ($((SECONDS - started)) s) ====="
printf '[test:dates] %s\n' "${summary[@]}"
exit "$failed"
