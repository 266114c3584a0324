#!/bin/sh
# Run fuzz_parse for a given time over its work corpus and the seeds, keep
# libFuzzer's chatter in a log, and say in one line how it went. Exit
# status is libFuzzer's: non-zero on a crash, a sanitizer report, a broken
# invariant (abort), a timeout or running out of memory.
#   run.sh FUZZER SECONDS OUT_DIR SEED_DIR
set -u
fuzzer=$1 secs=$2 out=$3 seeds=$4
log=$out/fuzz.log
mkdir -p "$out/work"
echo "fuzz_parse: ${secs}s over $(ls "$seeds" | wc -l) seeds (log: $log)"
"$fuzzer" -max_total_time="$secs" -max_len=4096 -rss_limit_mb=2048 \
	-timeout=10 -print_final_stats=1 -artifact_prefix="$out/" \
	"$out/work" "$seeds" >"$log" 2>&1
rc=$?
grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log"
grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1
if [ "$rc" -ne 0 ]; then
	grep -E 'invariant broken|ERROR: |runtime error|SUMMARY|Test unit written' "$log" | head -20
	echo "fuzz: FAIL (exit $rc; reproduce with: $fuzzer <artifact above>)"
	exit 1
fi
echo "fuzz: PASS"
