#!/usr/bin/env bash
#
# The benchmark of issue 12: start-up, per-job cost, plan size, memory and masking of the built
# ox_task, each against baselines measured in the same run (a bare JVM hello on the same java, a
# shell loop of `setsid true`, optionally the original Python ox_task), so a busy machine moves
# both sides of each ratio alike. The commands of one comparison alternate, run after run; each
# figure is the median of the runs, with their min-max; each ratio is of wall times, followed by
# the same ratio of cpu times (user + sys), which other work on the machine distorts less.
#
# Usage: bench/run.sh [--runs N] [--original 'CMD'] [--launcher PATH] [--before PATH]
#   --runs N          runs of each timed command (default 7), after one untimed warm-up run
#   --original CMD    the original ox_task, as a command line that takes `run --working-dir DIR
#                     PLAN` after it, e.g. for a snapshot exported to /tmp/oxorig:
#                     --original "env PYTHONPATH=/tmp/oxorig/src python3 -c 'from ox_task.ui.cli
#                     import main; main()'"
#   --launcher PATH   the ox_task to measure (default: distribution/target/ox-task/bin/ox_task of
#                     this checkout; build it first with ./mvnw -B -q package -DskipTests)
#   --before PATH     another ox_task (e.g. a build of the main branch) measured in the same rounds
#                     as --launcher, alternating with it, so the two sets of figures and ratios are
#                     comparable: a file system or a machine that slows down meanwhile slows both
#
# Peak memory comes from GNU time (/usr/bin/time -v); without it the memory lines say so. Nothing
# is installed. The launcher's class-data archive lives in a scratch XDG_CACHE_HOME, made by the
# warm-up run, as a user's first run makes it.
set -euo pipefail

repo=$(cd -P -- "$(dirname -- "$0")/.." && pwd -P)
runs=7
original=
before=
launcher=$repo/distribution/target/ox-task/bin/ox_task
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --original) original=$2; shift 2 ;;
    --launcher) launcher=$2; shift 2 ;;
    --before) before=$2; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (see bench/run.sh --help)" >&2; exit 2 ;;
  esac
done
for program in "$launcher" ${before:+"$before"}; do
  if [ ! -x "$program" ]; then
    echo "run.sh: no launcher at $program: run ./mvnw -B -q package -DskipTests first" >&2
    exit 1
  fi
done
plugins=$(cd -P -- "$(dirname -- "$launcher")/.." && pwd -P)/plugins
if [ -n "${JAVA_HOME-}" ]; then java_cmd=$JAVA_HOME/bin/java; else java_cmd=$(command -v java); fi
gnu_time=/usr/bin/time
if ! "$gnu_time" -f %M true >/dev/null 2>&1; then gnu_time=; fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_CACHE_HOME=$scratch/cache
unset JAVA_OPTS OX_TASK_OPTS OX_TASK_CDS

# --- the plans and the baselines ----------------------------------------------------------------

# plan N FILE [NOTE]: N jobs running `true` one after the other, each with env "e" (the original
# needs one), each with a FileNotifier note when NOTE is given.
plan() {
  local n=$1 file=$2 note=${3-}
  {
    printf '{"envs": {"e": {}},\n'
    if [ -n "$note" ]; then
      printf ' "notes": {"file": {"class_name": "FileNotifier", "path": "%s"}},\n' "$note"
    fi
    printf ' "jobs": {\n'
    for ((i = 1; i <= n; i++)); do
      printf '  "job%04d": {"env": "e", "command": ["true"]%s}%s\n' "$i" \
        "${note:+, \"note\": \"file\"}" "$([ "$i" -lt "$n" ] && echo ,)"
    done
    printf ' }}\n'
  } >"$file"
}
plan 1 "$scratch/one.json"
plan 50 "$scratch/fifty.json" "$scratch/note.txt"
plan 300 "$scratch/three-hundred.json"
plan 1000 "$scratch/thousand.json"
# The original builds a venv for a job whose folder is missing: the folders exist, as after a
# first run, so both sides run the same 50 `true`s.
mkdir -p "$scratch/original"
for ((i = 1; i <= 50; i++)); do mkdir -p "$scratch/original/$(printf 'job%04d' "$i")"; done

mkdir -p "$scratch/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' \
  >"$scratch/hello/Hello.java"
"$(dirname -- "$(readlink -f -- "$java_cmd")")/javac" -d "$scratch/hello" "$scratch/hello/Hello.java"
# The launcher's own JVM options, nothing more (bin/ox_task: fast_start_opts).
hello=("$java_cmd" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -XX:-UsePerfData
  -cp "$scratch/hello" Hello)

work=$scratch/work

# --- measuring ------------------------------------------------------------------------------------

# One timed run of the command in the array named $1: appends "<wall ms> <cpu ms>" to
# $scratch/<$1>.times.
time_once() {
  local -n command=$1
  local start end
  start=$(date +%s%N)
  if [ -n "$gnu_time" ]; then
    "$gnu_time" -f '%U %S' -o "$scratch/cpu" "${command[@]}" >/dev/null 2>&1 || true
  else
    "${command[@]}" >/dev/null 2>&1 || true
  fi
  end=$(date +%s%N)
  local cpu=0
  # GNU time writes "Command exited with non-zero status N" first when the command fails.
  if [ -n "$gnu_time" ]; then cpu=$(tail -1 "$scratch/cpu" | awk '{ printf "%d", ($1 + $2) * 1000 }'); fi
  echo "$(((end - start) / 1000000)) $cpu" >>"$scratch/$1.times"
}

# measure NAME...: one warm-up run of each named command array, then $runs rounds that run each
# once, in turn.
measure() {
  local name
  for name in "$@"; do
    local -n warm=$name
    "${warm[@]}" >/dev/null 2>&1 || true
    : >"$scratch/$name.times"
  done
  for ((round = 0; round < runs; round++)); do
    for name in "$@"; do time_once "$name"; done
  done
}

# median NAME [COLUMN]: the median wall (column 1) or cpu (2) time of NAME, in ms.
median() {
  sort -n -k"${2:-1},${2:-1}" "$scratch/$1.times" | awk -v c="${2:-1}" '
    { v[NR] = $c } END { print (NR % 2 ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)) }'
}

# show LABEL NAME: median and min-max wall time, median cpu time.
show() {
  local wall_min wall_max
  wall_min=$(sort -n -k1,1 "$scratch/$2.times" | head -1 | cut -d' ' -f1)
  wall_max=$(sort -n -k1,1 "$scratch/$2.times" | tail -1 | cut -d' ' -f1)
  printf "  %-44s %6d ms  (%d-%d)  cpu %6s ms\n" "$1" "$(median "$2")" "$wall_min" "$wall_max" \
    "$([ -n "$gnu_time" ] && median "$2" 2 || echo n/a)"
}

# ratio LABEL A B TARGET: A's median wall time over B's and whether it meets TARGET (at most),
# then the same ratio of their median cpu times, which a busy machine distorts less.
ratio() {
  local cpu_a=0 cpu_b=0
  if [ -n "$gnu_time" ]; then
    cpu_a=$(median "$2" 2)
    cpu_b=$(median "$3" 2)
  fi
  awk -v l="$1" -v a="$(median "$2")" -v b="$(median "$3")" -v ca="$cpu_a" -v cb="$cpu_b" \
    -v t="$4" 'BEGIN {
    r = a / b
    printf "  %-44s %6.2f   target <= %s  %-6s", l, r, t, (r <= t ? "met" : "MISSED")
    if (cb > 0) printf "  (cpu: %.2f)", ca / cb
    printf "\n"
  }'
}

# peak_rss NAME: the peak resident set size of one run of command array NAME, in MB.
peak_rss() {
  local -n command=$1
  if [ -z "$gnu_time" ]; then echo n/a; return; fi
  "$gnu_time" -f %M -o "$scratch/rss" "${command[@]}" >/dev/null 2>&1 || true
  tail -1 "$scratch/rss" | awk '{ printf "%d", $1 / 1024 }'
}

# --- the launchers -------------------------------------------------------------------------------

# Each command of ox_task is an array; with --before, its twin NAME_b runs the other launcher (and
# its plugins), measured in the same rounds.
suffixes=("")
if [ -n "$before" ]; then
  suffixes+=(_b)
  plugins_b=$(cd -P -- "$(dirname -- "$before")/.." && pwd -P)/plugins
fi

# ox_command NAME ARG...: defines the array NAME (this launcher, then ARG...) and its twin.
ox_command() {
  local name=$1
  shift
  declare -ga "$name"
  local -n this=$name
  this=("$launcher" "$@")
  if [ -n "$before" ]; then
    declare -ga "${name}_b"
    local -n twin=${name}_b
    twin=("$before")
    local arg
    for arg in "$@"; do
      if [ "$arg" = "$plugins" ]; then twin+=("$plugins_b"); else twin+=("$arg"); fi
    done
  fi
}

# twins NAME...: the names and, with --before, their twins.
twins() {
  local name
  for name in "$@"; do
    printf '%s\n' "$name"
    [ -z "$before" ] || printf '%s\n' "${name}_b"
  done
}

# heading SUFFIX: names the launcher whose figures follow, when there are two.
heading() {
  [ -n "$before" ] || return 0
  if [ -z "$1" ]; then echo "  -- $launcher"; else echo "  -- before: $before"; fi
}

echo "bench/run.sh: $runs runs each (median, min-max, cpu = user + sys); $(nproc) cores;" \
  "$("$java_cmd" -version 2>&1 | head -1)"
echo "launcher: $launcher"
[ -z "$before" ] || echo "before:   $before (measured in the same rounds)"
[ -n "$gnu_time" ] || echo "note: /usr/bin/time (GNU time, Debian package 'time') is missing:" \
  "no cpu times and no peak memory"

# --- start-up -------------------------------------------------------------------------------------
ox_command one run --work-dir "$work" "$scratch/one.json"
ox_command version --version
ox_command help --help
ox_command usage_error --no-such-option
mapfile -t names < <(twins one version help usage_error)
measure hello "${names[@]}"
echo
echo "start-up"
show "bare JVM hello (launcher's JVM options)" hello
for s in "${suffixes[@]}"; do
  heading "$s"
  show "ox_task run: 1-job plan" "one$s"
  show "ox_task --version" "version$s"
  show "ox_task --help" "help$s"
  show "ox_task --no-such-option (usage error)" "usage_error$s"
  ratio "1-job plan / hello" "one$s" "hello" 3
  ratio "--version / hello" "version$s" "hello" 2
  ratio "--help / hello" "help$s" "hello" 2
  ratio "usage error / hello" "usage_error$s" "hello" 2
done

# --- jobs -----------------------------------------------------------------------------------------
ox_command fifty run --work-dir "$work" --plugins-dir "$plugins" "$scratch/fifty.json"
ox_command three_hundred run --work-dir "$work" "$scratch/three-hundred.json"
loop_50=(sh -c 'i=0; while [ $i -lt 50 ]; do setsid true; i=$((i + 1)); done')
loop_300=(sh -c 'i=0; while [ $i -lt 300 ]; do setsid true; i=$((i + 1)); done')
mapfile -t names < <(twins fifty three_hundred)
names+=(loop_50 loop_300)
if [ -n "$original" ]; then
  # shellcheck disable=SC2206 # the user's command line, split as a shell would
  eval "original_50=($original run --working-dir \"\$scratch/original\" \"\$scratch/fifty.json\")"
  names+=(original_50)
fi
measure "${names[@]}"
echo
echo "jobs"
[ -z "$original" ] || show "original ox_task: the same 50 jobs" original_50
show "shell loop: 50 x setsid true" loop_50
show "shell loop: 300 x setsid true" loop_300
per_command=$(awk -v a="$(median loop_300)" 'BEGIN { print a / 300 }')
for s in "${suffixes[@]}"; do
  heading "$s"
  show "ox_task run: 50 jobs of true + FileNotifier" "fifty$s"
  show "ox_task run: 300 jobs of true" "three_hundred$s"
  if [ -n "$original" ]; then
    ratio "50 jobs / original" "fifty$s" "original_50" 0.8
  else
    echo "  (50 jobs / original: pass --original CMD to measure it)"
  fi
  per_job=$(awk -v a="$(median "three_hundred$s")" -v b="$(median "one$s")" \
    'BEGIN { print (a - b) / 299 }')
  awk -v j="$per_job" -v c="$per_command" 'BEGIN {
    printf "  %-44s %6.1f ms (shell loop: %.1f ms per command)\n", "per job beyond the first", j, c
    printf "  %-44s %6.1f ms  target <= 2 ms  %s\n", "per job over the shell loop", j - c,
      (j - c <= 2 ? "met" : "MISSED")
  }'
  if [ -n "$gnu_time" ]; then
    awk -v a="$(median "three_hundred$s" 2)" -v b="$(median "one$s" 2)" \
      -v c="$(median loop_300 2)" 'BEGIN {
      printf "  %-44s %6.1f ms (shell loop: %.1f ms per command)\n",
        "  the same in cpu time", (a - b) / 299, c / 300
    }'
  fi
done

# --- plan size ------------------------------------------------------------------------------------
ox_command validate_1 validate "$scratch/one.json"
ox_command validate_1000 validate "$scratch/thousand.json"
mapfile -t names < <(twins validate_1 validate_1000)
measure "${names[@]}"
echo
echo "plan size"
for s in "${suffixes[@]}"; do
  heading "$s"
  show "ox_task validate: 1 job" "validate_1$s"
  show "ox_task validate: 1000 jobs" "validate_1000$s"
  ratio "validate 1000 jobs / 1 job" "validate_1000$s" "validate_1$s" 1.5
done

# --- memory and masking ---------------------------------------------------------------------------
cat >"$scratch/loud.json" <<'JSON'
{"jobs": {"loud": {"command": "head -c 1000000000 /dev/zero | tr '\\0' x | fold -w 100", "shell": true,
 "timeout": 900}}}
JSON
secrets=''
for ((i = 1; i <= 20; i++)); do
  secrets+="${secrets:+, }\"BENCH_TOKEN_$i\": \"s3cr3t-value-$i-$RANDOM$RANDOM\""
done
for count in 0 20; do
  vars=$([ "$count" -eq 0 ] && echo '' || echo "$secrets")
  cat >"$scratch/mask-$count.json" <<JSON
{"envs": {"e": {"variables": {$vars}}},
 "jobs": {"out": {"env": "e", "command": "head -c 100000000 /dev/zero | tr '\\\\0' x | fold -w 100",
  "shell": true, "timeout": 900}}}
JSON
done
ox_command rss_1000 run --work-dir "$work" "$scratch/thousand.json"
ox_command rss_loud run --work-dir "$work" "$scratch/loud.json"
ox_command mask_0 run --work-dir "$work" "$scratch/mask-0.json"
ox_command mask_20 run --work-dir "$work" "$scratch/mask-20.json"
echo
echo "memory (one run each)"
for s in "${suffixes[@]}"; do
  heading "$s"
  printf '  %-44s %6s MB  target < 120 MB\n' "peak RSS: 1000-job plan" "$(peak_rss "rss_1000$s")"
  printf '  %-44s %6s MB  target < 150 MB\n' "peak RSS: a job printing 1 GB" \
    "$(peak_rss "rss_loud$s")"
done
runs_before=$runs
runs=3
mapfile -t names < <(twins mask_0 mask_20)
measure "${names[@]}"
runs=$runs_before
echo
echo "masking: a job printing 100 MB (3 runs each)"
for s in "${suffixes[@]}"; do
  heading "$s"
  show "0 secrets" "mask_0$s"
  show "20 secrets" "mask_20$s"
  ratio "20 secrets / 0 secrets" "mask_20$s" "mask_0$s" 1.2
done
