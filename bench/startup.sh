#!/bin/sh
#
# Startup cost of the ox_task launcher: the mean wall time of `ox_task --version` against plain
# `java -version` with the same java, measured in the same run, and their ratio.
#
# Usage: bench/startup.sh [RUNS] [LAUNCHER]
#   RUNS      runs of each command (default 10)
#   LAUNCHER  the ox_task to time (default: distribution/target/ox-task/bin/ox_task; build it
#             with ./mvnw -B -q package -DskipTests)
set -eu

repo=$(cd -P -- "$(dirname -- "$0")/.." && pwd -P)
runs=${1:-10}
launcher=${2:-$repo/distribution/target/ox-task/bin/ox_task}
[ -x "$launcher" ] || {
  echo "startup.sh: no launcher at $launcher: run ./mvnw -B -q package -DskipTests first" >&2
  exit 1
}
if [ -n "${JAVA_HOME-}" ]; then java_cmd=$JAVA_HOME/bin/java; else java_cmd=$(command -v java); fi

now_ms() {
  # GNU date prints nanoseconds; elsewhere fall back to python3.
  ns=$(date +%s%N)
  case $ns in
    *N) python3 -c 'import time; print(int(time.time() * 1000))' ;;
    *) echo $((ns / 1000000)) ;;
  esac
}

# Mean milliseconds of $runs runs of the given command (one untimed warm-up run first).
mean_ms() {
  "$@" >/dev/null 2>&1
  start=$(now_ms)
  i=0
  while [ "$i" -lt "$runs" ]; do
    "$@" >/dev/null 2>&1
    i=$((i + 1))
  done
  echo $((($(now_ms) - start) / runs))
}

# These options put back the JVM's own defaults in place of the launcher's fast-start ones.
jvm_defaults='-XX:+UseG1GC -XX:TieredStopAtLevel=4 -XX:+UsePerfData'

java_ms=$(mean_ms "$java_cmd" -version)
ox_task_ms=$(mean_ms env JAVA_OPTS= OX_TASK_OPTS= "$launcher" --version)
plain_ms=$(mean_ms env JAVA_OPTS="$jvm_defaults" OX_TASK_OPTS= "$launcher" --version)
echo "java -version:                        ${java_ms} ms (mean of $runs, $java_cmd)"
echo "ox_task --version:                    ${ox_task_ms} ms (mean of $runs, $launcher)"
echo "ox_task --version, JVM default opts:  ${plain_ms} ms"
awk -v a="$ox_task_ms" -v b="$java_ms" -v c="$plain_ms" 'BEGIN {
  printf "ratio ox_task / java:                 %.2f\n", a / b
  printf "ratio ox_task / ox_task without fast-start opts: %.2f\n", a / c
}'
