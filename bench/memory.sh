#!/usr/bin/env bash
# Peak memory of `ox_task run` for a job printing 400 MB against a job printing nothing.
# The engine keeps only a bounded head and tail of each stream in memory, so both peaks
# should be about the same (the JVM's own footprint); the ratio is printed at the end.
#
# Usage: bench/memory.sh [MEGABYTES]   (default 400)
set -euo pipefail

megabytes="${1:-400}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (package 'time') for /usr/bin/time -v" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -q time >&2; else sudo apt-get install -y -q time >&2; fi
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
echo "building ox-task-cli ..." >&2
# In one reactor, so the CLI's classpath points at core's fresh classes; the CLI module is
# built last and writes cp.txt last.
./mvnw -B -q -DskipTests -pl ox-task-cli -am package dependency:build-classpath \
  -Dmdep.outputFile="$scratch/cp.txt" >&2
classpath="$repo/ox-task-cli/target/classes:$(cat "$scratch/cp.txt")"

cat > "$scratch/plan.json" <<JSON
{
  "jobs": {
    "loud": {
      "command": "yes 'ox_task memory benchmark: a line of output to fill the pipe' | head -c ${megabytes}000000",
      "shell": true,
      "timeout": 600
    },
    "silent": {"command": ["true"]}
  }
}
JSON

# Peak resident set size in KiB of one `ox_task run --job NAME`.
peak_kib() {
  /usr/bin/time -v java ${JAVA_OPTS:-} -cp "$classpath" dev.oxtask.cli.Main \
      run --quiet --work-dir "$scratch/work" --job "$1" "$scratch/plan.json" \
      2> "$scratch/time-$1.txt" > /dev/null
  sed -n 's/.*Maximum resident set size (kbytes): //p' "$scratch/time-$1.txt"
}

loud="$(peak_kib loud)"
silent="$(peak_kib silent)"
logged="$(stat -c %s "$scratch"/work/runs/*/loud.stdout)"
echo "job printing ${megabytes} MB: peak RSS ${loud} KiB (log file: ${logged} bytes)"
echo "job printing nothing:  peak RSS ${silent} KiB"
awk -v a="$loud" -v b="$silent" 'BEGIN { printf "ratio (printing / silent): %.2f\n", a / b }'
