#!/usr/bin/env bash
# Runs the load scenarios of docs/benchmarks.md against a real server on loopback and prints one
# table. Each scenario runs in its own JVM; the server's log goes to OUT/<scenario>.log.
#
#   bench/run.sh                       # all: http tftp tftp-window fleet rest jmh (about 30 minutes)
#   bench/run.sh http fleet            # some
#   BENCH_ARGS="--runs 3 --seconds 30" bench/run.sh http
#
# Needs a JDK 25 and wrk (apt-get install -y wrk); builds bench/target/benchmarks.jar if missing.
set -euo pipefail
cd "$(dirname "$0")/.."

java_bin() {
  for home in "${JAVA_HOME:-}" /usr/lib/jvm/*25*; do
    if [ -n "$home" ] && [ -x "$home/bin/java" ] && "$home/bin/java" -version 2>&1 | grep -q 'version "25'; then
      echo "$home/bin/java"
      return
    fi
  done
  echo java
}
JAVA=$(java_bin)
JAR=bench/target/benchmarks.jar
[ -f "$JAR" ] || ./mvnw -q -DskipTests package -pl bench -am
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

OUT=${OUT:-bench/target/run-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
RESULTS=$OUT/results.tsv
read -r -a EXTRA <<< "${BENCH_ARGS:-}"

scenario() {
  local log=$1
  shift
  echo "== $* (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$JAR" io.autoprovd.bench.Scenarios "$@" \
    --wrk-script bench/wrk/fetch.lua --results "$RESULTS" "${EXTRA[@]}" > "$OUT/$log.log"
}

jmh() {
  echo "== JMH PipelineBench, stored=1000,100000 (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  "$JAVA" -jar "$JAR" PipelineBench -p stored=1000,100000 -rf csv -rff "$OUT/jmh.csv" > "$OUT/jmh.log"
  # "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: stored","Param: subset"
  tail -n +2 "$OUT/jmh.csv" | tr -d '"' | while IFS=, read -r name _ threads _ score error unit stored subset; do
    printf 'jmh\t%s, %s stored, %s phones fetched, %s thread\t-\t%.1f\t%s\t-\t-\t± %.1f (99.9%%)\n' \
      "${name##*.}" "$stored" "$subset" "$threads" "$score" "$unit" "$error" >> "$RESULTS"
  done
}

scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(http tftp tftp-window fleet rest jmh)
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $("$JAVA" -version 2>&1 | head -1)" >&2
for s in "${scenarios[@]}"; do
  case $s in
    http) scenario http http ;;
    tftp) scenario tftp tftp ;;
    tftp-window) scenario tftp-window tftp-window ;;
    # One JVM per fleet size, so neither profits from the other's JIT warm-up.
    fleet) scenario fleet-1000 fleet --sizes 1000 && scenario fleet-100000 fleet --sizes 100000 ;;
    rest) scenario rest rest ;;
    jmh) jmh ;;
    *) echo "unknown scenario $s (http tftp tftp-window fleet rest jmh)" >&2; exit 2 ;;
  esac
done

echo
{
  printf 'scenario\tvariant\trun\tresult\tunit\tp50 ms\tp99 ms\tnotes\n'
  cat "$RESULTS"
} | column -t -s $'\t'
echo "(rows also in $RESULTS)"
