#!/bin/sh
# Run every test suite (each a make target contributed by a build.mk), keep
# going past failures, and close with one summary line.
set -u
pass=0
fail=0
failed=""
for t in "$@"; do
	echo "=== suite $t"
	start=$(date +%s)
	if make --no-print-directory "$t"; then
		pass=$((pass + 1))
		echo "=== suite $t: ok ($(( $(date +%s) - start ))s)"
	else
		fail=$((fail + 1))
		failed="$failed $t"
		echo "=== suite $t: FAILED ($(( $(date +%s) - start ))s)"
	fi
done
[ -n "$failed" ] && echo "failed suites:$failed"
echo "suites: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
