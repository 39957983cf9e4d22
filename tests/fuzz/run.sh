#!/bin/sh
# run.sh: build the libFuzzer target for the session-script parser and run it.
#
# Usage: tests/fuzz/run.sh [EXTRA-LIBFUZZER-FLAGS...]      (from any directory)
#
# Environment:
#   CC            a clang that ships libFuzzer (default: clang)
#   FUZZ_SECONDS  how long to fuzz (default: 600)
#   FUZZ_WORK     directory for new inputs (default: a fresh mktemp -d; kept)
#   FUZZ_BIN      where to build the binary (default: $FUZZ_WORK/fuzz-script)
#   FUZZ_JOBS     parallel fuzzing processes (default: 1)
#
# It builds tests/fuzz-script.c with src/script.c, src/utf8.c and
# src/xmalloc.c under -fsanitize=fuzzer,address,undefined, then fuzzes with
# the committed seeds (tests/fuzz/corpus, read only) and the dictionary
# tests/fuzz/script.dict, writing new inputs to $FUZZ_WORK/corpus and crash/leak/timeout reproducers
# to $FUZZ_WORK/ (crash-*, leak-*, timeout-*, oom-*).  Limits: inputs up to
# 64 KiB, 5 s per input; leak detection is on.  Exit status is libFuzzer's:
# 0 when the time ran out with no finding.
#
# A finding is replayed with:  $FUZZ_BIN $FUZZ_WORK/crash-...
# To fold worthwhile new inputs back into the committed seeds (keep it under
# ~300 files and 1 MB):
#   $FUZZ_BIN -merge=1 -max_len=65536 tests/fuzz/corpus $FUZZ_WORK/corpus
# "make check" replays tests/fuzz/corpus without the fuzzer (replay.test).
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
CC=${CC:-clang}
FUZZ_SECONDS=${FUZZ_SECONDS:-600}
FUZZ_JOBS=${FUZZ_JOBS:-1}
FUZZ_WORK=${FUZZ_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/subplex-fuzz.XXXXXX")}
FUZZ_BIN=${FUZZ_BIN:-$FUZZ_WORK/fuzz-script}
mkdir -p "$FUZZ_WORK/corpus"

echo "run.sh: building $FUZZ_BIN with $CC" >&2
$CC -g -O1 -fno-omit-frame-pointer \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I"$top/src" -D_GNU_SOURCE \
    "$top/tests/fuzz-script.c" "$top/src/script.c" "$top/src/utf8.c" \
    "$top/src/xmalloc.c" \
    -o "$FUZZ_BIN"

echo "run.sh: fuzzing for ${FUZZ_SECONDS}s; new inputs in $FUZZ_WORK/corpus" >&2
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS UBSAN_OPTIONS
set -- -max_len=65536 -timeout=5 -detect_leaks=1 -print_final_stats=1 \
    -max_total_time="$FUZZ_SECONDS" -dict="$top/tests/fuzz/script.dict" \
    -artifact_prefix="$FUZZ_WORK/" "$@"
if [ "$FUZZ_JOBS" -gt 1 ]; then
	set -- -fork="$FUZZ_JOBS" "$@"
fi
exec "$FUZZ_BIN" "$@" "$FUZZ_WORK/corpus" "$top/tests/fuzz/corpus"
