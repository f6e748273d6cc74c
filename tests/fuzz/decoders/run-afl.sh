#!/bin/sh
# run-afl.sh FUZZ FUZZ_AFL SECONDS OUTDIR: AFL++ on every decoder of one
# decoder fuzzer (fuzz-pldm, fuzz-ncsi) for SECONDS, from the seed corpus
# FUZZ -c writes (one well-formed message per decoder), with FUZZ_AFL (the
# same checks, built with afl-g++ under ASan and UBSan). Fails on any crash
# (a sanitizer report or a failed check) or hang, and shows each one's input
# and what FUZZ -f says of it. Ends with one FUZZ-RESULT line, named after
# FUZZ (fuzz-pldm: name=pldm-afl).
#   ctest: SECONDS 60; long form: tests/fuzz/decoders/run-afl.sh
#   build/tests/fuzz/decoders/fuzz-pldm build/tests/fuzz/decoders/fuzz-pldm-afl 14400 /tmp/afl-pldm
set -u
[ $# = 4 ] || { echo "usage: $0 FUZZ FUZZ_AFL SECONDS OUTDIR" >&2; exit 2; }
plain=$1 afl=$2 seconds=$3 out=$4
name=$(basename "$plain")
name=${name#fuzz-}-afl
rm -rf "$out"
mkdir -p "$out/seeds" || exit 1
"$plain" -c "$out/seeds" || exit 1
# no CPU binding (ctest runs other tests beside it), no core-dump checks
# (crashes are reported by the exit status), a quiet log
AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 \
	afl-fuzz -V "$seconds" -t 5000 -i "$out/seeds" -o "$out/afl" \
	-- "$afl" -f @@ >"$out/afl.log" 2>&1
rc=$?
stats=$out/afl/default/fuzzer_stats
if [ $rc != 0 ] || [ ! -f "$stats" ]; then
	tail -n 30 "$out/afl.log"
	echo "run-afl: afl-fuzz exited $rc" >&2
	exit 1
fi
stat() { awk -v k="$1" '$1 == k { print $3 }' "$stats"; }
crashes=$(stat saved_crashes) hangs=$(stat saved_hangs)
for f in "$out"/afl/default/crashes/id:* "$out"/afl/default/hangs/id:*; do
	[ -f "$f" ] || continue
	echo "---- $f"
	od -An -tx1 "$f" | head -n 8
	"$plain" -f "$f"
done
echo "FUZZ-RESULT name=$name seconds=$seconds execs=$(stat execs_done)" \
	"corpus=$(stat corpus_count) edges=$(stat edges_found) crashes=$crashes hangs=$hangs"
[ "$crashes" = 0 ] && [ "$hangs" = 0 ]
