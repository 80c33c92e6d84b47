#!/usr/bin/env bash
# Coverage-guided fuzzing of Basin's readers with AFL++ and SharpFuzz (issue 28 §1).
#
#   fuzz/run.sh [--execs N] [--seconds S] [--jobs J] [TARGET…]     (default: every target, 10^6 executions, 2 at a time)
#   fuzz/run.sh --cmin TARGET…                                      minimise $WORK/TARGET/out/default/queue into tests/fuzz/TARGET/
#
# Installs afl++ (Debian) and the SharpFuzz.CommandLine 2.3.0 tool when missing, builds fuzz/Basin.Fuzz into
# $WORK/bin, instruments the Basin assemblies there (never the repository's build), and runs one afl-fuzz campaign per
# target under nice, seeded with the target's valid files plus its committed corpus. Per target: $WORK/TARGET/out
# (AFL's queue, crashes, hangs, fuzzer_stats) and $WORK/TARGET.log. A summary table (executions, edges, crashes, hangs,
# wall time) is printed at the end and written to $WORK/summary.tsv. WORK defaults to /tmp/basin-fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
WORK=${WORK:-/tmp/basin-fuzz}
EXECS=1000000; SECONDS_MAX=3600; JOBS=2; CMIN=0; TARGETS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --execs) EXECS=$2; shift 2 ;;
    --seconds) SECONDS_MAX=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    --cmin) CMIN=1; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) TARGETS+=("$1"); shift ;;
  esac
done

if ! command -v afl-fuzz >/dev/null; then
  echo "afl-fuzz not found: installing afl++" >&2
  apt-get update -qq && apt-get install -y -qq afl++ >/dev/null
fi
SHARPFUZZ=${SHARPFUZZ:-$(command -v sharpfuzz || echo "$WORK/tools/sharpfuzz")}
if [ ! -x "$SHARPFUZZ" ]; then
  dotnet tool install --tool-path "$WORK/tools" SharpFuzz.CommandLine --version 2.3.0 >/dev/null
  SHARPFUZZ=$WORK/tools/sharpfuzz
fi

# Two copies: PLAIN writes the seeds (instrumented code may only run under afl), BIN is instrumented for afl-fuzz.
PLAIN=$WORK/bin-plain BIN=$WORK/bin
if [ ! -f "$BIN/.instrumented" ]; then
  rm -rf "$BIN" "$PLAIN"
  dotnet publish fuzz/Basin.Fuzz -c Release -o "$PLAIN" --nologo -v quiet
  cp -r "$PLAIN" "$BIN"
  for dll in "$BIN"/Basin.*.dll "$BIN"/basin.dll; do
    case "$(basename "$dll")" in Basin.Fuzz.dll) continue ;; esac
    "$SHARPFUZZ" "$dll" >/dev/null
  done
  touch "$BIN/.instrumented"
fi
export BASIN_FUZZ_KEYS=$REPO/tests/fuzz/keys
[ ${#TARGETS[@]} -gt 0 ] || mapfile -t TARGETS < <("$PLAIN/Basin.Fuzz" list | awk '{print $1}')

export AFL_ALLOW_TMP=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
export DOTNET_TieredCompilation=0 DOTNET_gcServer=0

if [ "$CMIN" = 1 ]; then
  for t in "${TARGETS[@]}"; do
    dest=$REPO/tests/fuzz/$t
    rm -rf "$dest.cmin"
    if ! afl-cmin -i "$WORK/$t/out/default/queue" -o "$dest.cmin" -t 10000 -m none -- "$BIN/Basin.Fuzz" run "$t" >"$WORK/$t.cmin.log" 2>&1; then
      echo "$t: afl-cmin failed (see $WORK/$t.cmin.log)"; rm -rf "$dest.cmin"; continue
    fi
    # Inputs that crashed a reader before its fix (crash-*, hang-*) stay beside the minimised queue as regressions.
    [ -d "$dest" ] && find "$dest" -maxdepth 1 \( -name 'crash-*' -o -name 'hang-*' \) -exec cp {} "$dest.cmin/" \;
    rm -rf "$dest"; mv "$dest.cmin" "$dest"
    echo "$t: $(ls "$dest" | wc -l) files in tests/fuzz/$t"
  done
  exit 0
fi

campaign() {
  local t=$1 dir=$WORK/$1
  rm -rf "$dir"; mkdir -p "$dir/in"
  "$PLAIN/Basin.Fuzz" seeds "$t" "$dir/in"
  [ -d "$REPO/tests/fuzz/$t" ] && cp "$REPO/tests/fuzz/$t"/* "$dir/in/" 2>/dev/null || true
  local start=$(date +%s)
  nice -n 10 afl-fuzz -i "$dir/in" -o "$dir/out" -t 5000 -m none -E "$EXECS" -V "$SECONDS_MAX" -- "$BIN/Basin.Fuzz" run "$t" >"$WORK/$t.log" 2>&1 || true
  echo $(( $(date +%s) - start )) >"$dir/wall_s"
}

running=0
for t in "${TARGETS[@]}"; do
  campaign "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then wait -n; running=$((running - 1)); fi
done
wait

stat() { awk -F' *: *' -v k="$2" '$1 == k {print $2}' "$1"; }
printf 'target\texecutions\tedges\tcrashes\thangs\tcorpus\twall_s\n' | tee "$WORK/summary.tsv"
for t in "${TARGETS[@]}"; do
  s=$WORK/$t/out/default/fuzzer_stats
  [ -f "$s" ] || { printf '%s\tno stats (see %s.log)\n' "$t" "$WORK/$t" | tee -a "$WORK/summary.tsv"; continue; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$(stat "$s" execs_done)" "$(stat "$s" edges_found)" "$(stat "$s" saved_crashes)" \
    "$(stat "$s" saved_hangs)" "$(stat "$s" corpus_count)" "$(cat "$WORK/$t/wall_s")" | tee -a "$WORK/summary.tsv"
done
