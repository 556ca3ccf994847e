#!/usr/bin/env bash
#
# Startup cost of the ox_task launcher: `ox_task --version` against a bare `java -version` with
# the same java, measured in the same run, as mean wall time and mean CPU time (user + sys, which
# a busy machine distorts less), with their ratios. Also times the launcher with the JVM's default
# options instead of its fast-start ones.
#
# Usage: bench/startup.sh [RUNS] [LAUNCHER]
#   RUNS      runs of each command (default 10), after one untimed warm-up run
#   LAUNCHER  the ox_task to time (default: distribution/target/ox-task/bin/ox_task; build it
#             with ./mvnw -B -q package -DskipTests)
set -euo pipefail

repo=$(cd -P -- "$(dirname -- "$0")/.." && pwd -P)
runs=${1:-10}
launcher=${2:-$repo/distribution/target/ox-task/bin/ox_task}
if [ ! -x "$launcher" ]; then
  echo "startup.sh: no launcher at $launcher: run ./mvnw -B -q package -DskipTests first" >&2
  exit 1
fi
if [ -n "${JAVA_HOME-}" ]; then java_cmd=$JAVA_HOME/bin/java; else java_cmd=$(command -v java); fi

# These options put back the JVM's own defaults in place of the launcher's fast-start ones.
jvm_defaults='-XX:+UseG1GC -XX:TieredStopAtLevel=4 -XX:+UsePerfData -Xshare:auto'

# Prints "<wall ms> <cpu ms>": the means over $runs runs of the given command.
measure() {
  "$@" >/dev/null 2>&1
  local TIMEFORMAT='%R %U %S' timing
  timing=$({ time (for ((i = 0; i < runs; i++)); do "$@" >/dev/null 2>&1; done); } 2>&1)
  read -r real user sys <<<"$timing"
  awk -v r="$real" -v u="$user" -v s="$sys" -v n="$runs" \
    'BEGIN { printf "%d %d\n", r * 1000 / n, (u + s) * 1000 / n }'
}

read -r java_wall java_cpu <<<"$(measure "$java_cmd" -version)"
read -r ox_wall ox_cpu <<<"$(measure env JAVA_OPTS= OX_TASK_OPTS= "$launcher" --version)"
read -r plain_wall plain_cpu <<<"$(
  measure env JAVA_OPTS="$jvm_defaults" OX_TASK_OPTS= "$launcher" --version)"

echo "means of $runs runs; java: $java_cmd; launcher: $launcher"
printf '%-42s %6s %6s\n' "" "wall" "cpu"
printf '%-42s %4d ms %4d ms\n' "java -version" "$java_wall" "$java_cpu"
printf '%-42s %4d ms %4d ms\n' "ox_task --version" "$ox_wall" "$ox_cpu"
printf '%-42s %4d ms %4d ms\n' "ox_task --version, JVM default options" "$plain_wall" "$plain_cpu"
awk -v ow="$ox_wall" -v oc="$ox_cpu" -v jw="$java_wall" -v jc="$java_cpu" \
  -v pw="$plain_wall" -v pc="$plain_cpu" 'BEGIN {
  printf "%-42s %6.2f %6.2f\n", "ratio ox_task / java -version", ow / jw, oc / jc
  printf "%-42s %6.2f %6.2f\n", "ratio fast-start / JVM default options", ow / pw, oc / pc
}'
