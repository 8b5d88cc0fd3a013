#!/usr/bin/env python3
"""Draws a reproducible random sample of events per type from `hadath extract` output, for
reading and judging by hand (a precision audit where no gold data exists).

Usage:
  hadath extract ../shared/data/saudinewsnet/*.zip > out.jsonl
  scripts/sample-events.py out.jsonl [--per 8] [--seed 1129] [--types AID,MOBILIZE]

Prints, per type, the number of events and `--per` of them drawn with a fixed seed: the
trigger as matched, the modality, and the sentence around the trigger. The same output file,
seed and count give the same sample. Standard library only.
"""
import argparse
import collections
import json
import random
import sys


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("jsonl", help="output of hadath extract (one JSON document a line)")
    ap.add_argument("--per", type=int, default=8, help="events drawn per type")
    ap.add_argument("--seed", type=int, default=1129)
    ap.add_argument("--types", help="comma-separated event types (default: all)")
    ap.add_argument("--width", type=int, default=100, help="characters either side")
    args = ap.parse_args()
    wanted = set(args.types.split(",")) if args.types else None
    by_type = collections.defaultdict(list)
    with open(args.jsonl, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as e:
                print(f"{args.jsonl}:{n}: not JSON ({e}), skipped", file=sys.stderr)
                continue
            text = doc["text"]
            for e in doc.get("events", []):
                if wanted and e["event_type"] not in wanted:
                    continue
                start, end = e["trigger"]["start"], e["trigger"]["end"]
                left = text[max(0, start - args.width) : start].replace("\n", " ")
                right = text[end : end + args.width].replace("\n", " ")
                by_type[e["event_type"]].append(
                    (doc.get("id", ""), e["trigger"]["text"], e["modality"], left, right)
                )
    rng = random.Random(args.seed)
    for ty in sorted(by_type):
        events = by_type[ty]
        print(f"=== {ty} {len(events)}")
        for i, (doc_id, trig, modality, left, right) in enumerate(
            rng.sample(events, min(args.per, len(events)))
        ):
            print(f"{ty[:3]}{i} {doc_id} {modality} | {left}[{trig}]{right}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
