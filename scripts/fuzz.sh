#!/usr/bin/env bash
# The long fuzz run (issue 6): structured and byte mutations of the bundled scenarios through the
# reader, validation and the comparison (tests/fuzz/), a million cases by default, in the `fuzz`
# profile (optimised, debug assertions on), on two threads. Prints progress and the totals; a case
# that breaks a law is written to target/tmp/fuzz-failures/ and the run goes on, then fails.
#
#   scripts/fuzz.sh [CASES]     # NCMS_FUZZ_SEED=N to repeat a run, NCMS_FUZZ_THREADS=1 to share
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR=never

cases=${1:-${NCMS_FUZZ_CASES:-1000000}}
threads=${NCMS_FUZZ_THREADS:-2}
seed=${NCMS_FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
every=$(( cases / 20 > 0 ? cases / 20 : 1 ))

cargo test --profile fuzz --test fuzz --no-run
rm -rf target/tmp/fuzz-failures
mkdir -p target/tmp
log=target/tmp/fuzz.log

echo "fuzz: $cases cases on $threads threads, NCMS_FUZZ_SEED=$seed (full log: $log)"
start=$(date +%s)
set +e
# One kind of case after the other, each on $threads threads.
NCMS_FUZZ_CASES=$cases NCMS_FUZZ_SEED=$seed NCMS_FUZZ_THREADS=$threads NCMS_FUZZ_KEEP_GOING=1 \
  NCMS_FUZZ_PROGRESS=$every cargo test --profile fuzz --test fuzz -- --nocapture --test-threads=1 2>&1 \
  | tee "$log" | grep --line-buffered -E '^(fuzz|test )'
status=${PIPESTATUS[0]}
set -e
seconds=$(( $(date +%s) - start ))

# The totals of both kinds of case, from their closing lines.
grep -E '^fuzz totals' "$log" | awk -v seconds="$seconds" '
  { for (i = 4; i <= NF; i++) { split($i, kv, "="); sum[kv[1]] += kv[2] } }
  END {
    printf "fuzz: %d cases (%d accepted, %d rejected), %d panics, %d other laws broken, in %d s (%.0f cases/s)\n",
      sum["cases"], sum["accepted"], sum["rejected"], sum["panics"], sum["broken"], seconds,
      sum["cases"] / (seconds > 0 ? seconds : 1)
  }'
if [ -d target/tmp/fuzz-failures ]; then
  echo "fuzz: inputs that broke a law are in target/tmp/fuzz-failures/"
fi
exit "$status"
