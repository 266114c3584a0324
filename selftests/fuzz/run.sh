#!/bin/sh
# Run one libFuzzer harness for a given time over its work corpus and its
# seeds, keep libFuzzer's chatter in a log, and say in one line what it
# did: executions, coverage (edges and features) and corpus size. Exit
# status is libFuzzer's: non-zero on a crash, a sanitizer report, a broken
# invariant (abort), a timeout or running out of memory.
#   run.sh NAME FUZZER SECONDS OUT_DIR [SEED_DIR...]
set -u
name=$1 fuzzer=$2 secs=$3 out=$4
shift 4
log=$out/fuzz.log
mkdir -p "$out/work"
extra=""
# xdpctl's parser prints usage for most inputs: close the harness's
# stdout/stderr (libFuzzer keeps its own); reproduce an artifact without it
[ "$name" = args ] && extra="-close_fd_mask=3"
"$fuzzer" -max_total_time="$secs" -max_len=4096 -rss_limit_mb=2048 \
	-timeout=10 -print_final_stats=1 -artifact_prefix="$out/" $extra \
	"$out/work" "$@" >"$log" 2>&1
rc=$?
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
last=$(grep -E '^#[0-9]+[[:space:]]+(DONE|INITED|NEW|REDUCE|pulse)' "$log" | tail -1)
cov=$(printf '%s' "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
ft=$(printf '%s' "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
corp=$(printf '%s' "$last" | sed -n 's/.* corp: \([0-9]*\).*/\1/p')
echo "fuzz $name: ${secs}s, ${execs:-0} execs (${rate:-0}/s), cov ${cov:-?} ft ${ft:-?}, corpus ${corp:-?} (log: $log)"
if [ "$rc" -ne 0 ]; then
	grep -E 'invariant broken|ERROR: |runtime error|SUMMARY|Test unit written' "$log" | head -20
	echo "fuzz $name: FAIL (exit $rc; reproduce with: $fuzzer <artifact above>)"
	exit 1
fi
echo "fuzz $name: PASS"
