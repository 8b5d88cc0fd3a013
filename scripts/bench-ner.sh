#!/usr/bin/env bash
#! NER benchmark: hadath's tagger vs a Python CRF peer (sklearn-crfsuite), same split, one run.
# Usage: scripts/bench-ner.sh [DATA_DIR]   (default ../shared/data)
# Prints dev F1 for both, and tokens/s + peak RSS tagging the whole ANERcorp head on one core.
# Not a test: numbers depend on the machine. Needs the shared data (not available in CI).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-../shared/data}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"

cargo build --quiet --release -p hadath-ner --example ner
ner="$root/target/release/examples/ner"
# The split hadath trains on (last 10% of ANERCorp.head.txt, cut at a sentence start).
"$ner" split "$data" "$work/"
cat "$work/train.conll" "$work/dev.conll" > "$work/head.conll"

py="$(bash scripts/ner-peer/setup.sh)"
one_core() { if command -v taskset >/dev/null; then taskset -c 0 "$@"; else "$@"; fi; }
rss() { awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$1"; }

echo "== Python CRF peer (sklearn-crfsuite): train on the train split, score dev" >&2
"$py" scripts/ner-peer/crf_peer.py train "$work/train.conll" "$work/dev.conll" "$work/peer.pkl" \
  > "$work/peer-train.json"
echo "== Python CRF peer: tag the whole head on one core" >&2
one_core /usr/bin/time -v "$py" scripts/ner-peer/crf_peer.py tag "$work/peer.pkl" "$work/head.conll" \
  > "$work/peer.json" 2> "$work/peer.time"
echo "== hadath: dev scores" >&2
"$ner" evaluate-dev --model models/ner "$data" > "$work/hadath-dev.txt"
echo "== hadath: tag the whole head on one core" >&2
one_core /usr/bin/time -v "$ner" bench --model models/ner "$work/head.conll" > "$work/hadath-bench.txt" \
  2> "$work/hadath.time"

h_f1="$(awk '/^ANERcorp dev/ {getline; getline; print $NF; exit}' "$work/hadath-dev.txt")"
h_tps="$(awk '{print $6}' "$work/hadath-bench.txt")"
h_rss="$(rss "$work/hadath.time")"
p_f1="$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["dev_micro"]["f1"])' "$work/peer-train.json")"
p_tps="$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["tokens_per_second"])' "$work/peer.json")"
p_rss="$(rss "$work/peer.time")"
tokens="$(grep -c . "$work/head.conll")"

cat "$work/hadath-dev.txt"
echo "peer: $(cat "$work/peer-train.json") $(cat "$work/peer.json")"
echo
printf '%-34s %12s %16s %14s\n' "system (ANERcorp head, $tokens tokens)" "dev F1" "tokens/s (1 core)" "peak RSS MB"
printf '%-34s %12s %16s %14s\n' "hadath (Rust, averaged perceptron)" "$h_f1" "$h_tps" "$h_rss"
printf '%-34s %12s %16s %14s\n' "Python CRF peer (sklearn-crfsuite)" "$p_f1" "$p_tps" "$p_rss"
echo "(both: tagging only, model loaded, one core; tokens/s excludes start-up and model loading)"
