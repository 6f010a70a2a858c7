#!/bin/sh
# The example project's HTML report renders in headless Chromium: exit 0
# and a non-empty PNG screenshot.  Skipped when chromium is not installed.
. "$(dirname "$0")/lib.sh"

chrome=
for c in chromium chromium-browser google-chrome; do
	if command -v "$c" >/dev/null 2>&1; then
		chrome=$c
		break
	fi
done
if [ -z "$chrome" ]; then
	echo "$test_name: skipped: chromium is not installed"
	exit 0
fi

P=$T/nw
example_project "$P"
run -C "$P" --today 2026-11-22 report -o "$T/report.html"
expect_status 0

# A private profile, no network and no background services, so the render
# depends on nothing but the file.
mkdir -p "$T/profile"
timeout 120 "$chrome" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$T/profile" \
    --screenshot="$T/report.png" --window-size=1280,1600 \
    "file://$T/report.html" >"$T/chrome.out" 2>&1
rc=$?
checks=$((checks + 1))
[ "$rc" -eq 0 ] || fail "chromium exited $rc: $(tail -5 "$T/chrome.out")"
checks=$((checks + 1))
[ -s "$T/report.png" ] || fail "no screenshot written"
# A PNG starts with \211PNG\r\n\032\n.
checks=$((checks + 1))
[ "$(head -c 4 "$T/report.png" | od -An -c | tr -d ' ')" = '211PNG' ] ||
	fail "the screenshot is not a PNG"

done_testing
