#!/usr/bin/env python3
"""Compares the events of two `hadath extract` outputs of the same input, for judging a rule
change by hand: counts per type of events lost, gained, and changed (modality, actors or
recipients), and a reproducible sample of each.

Usage:
  hadath extract ../shared/data/saudinewsnet/*.zip > before.jsonl   # old build
  hadath extract ../shared/data/saudinewsnet/*.zip > after.jsonl    # new build
  scripts/diff-events.py before.jsonl after.jsonl [--per 12] [--seed 1] [--types REQUEST]

An event is keyed by document id, trigger start and type. "Gained" events are often mentions
that had been merged into a dropped one and now head their own event. Standard library only.
"""
import argparse
import collections
import json
import random


def load(path, wanted):
    events = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            text = doc["text"]
            for e in doc.get("events", []):
                if wanted and e["event_type"] not in wanted:
                    continue
                start, end = e["trigger"]["start"], e["trigger"]["end"]
                events[(doc["id"], start, e["event_type"])] = {
                    "modality": e["modality"],
                    "actor": [p["text"] for p in e["actor"]],
                    "recipient": [p["text"] for p in e["recipient"]],
                    "trigger": e["trigger"]["text"],
                    "context": text[max(0, start - 70):end + 60].replace("\n", " "),
                }
    return events


def show(label, keys, events, other, per, seed):
    print(f"=== {label} {len(keys)}: " + ", ".join(
        f"{t} {n}" for t, n in collections.Counter(k[2] for k in keys).most_common()))
    keys = sorted(keys)
    random.Random(seed).shuffle(keys)
    for k in keys[:per]:
        e = events[k]
        was = other.get(k)
        change = ""
        if was:
            change = (f"  was {was['modality']} A{was['actor']} R{was['recipient']}"
                      f" -> {e['modality']} A{e['actor']} R{e['recipient']}")
        print(f"- {k[2]} {e['modality']} [{e['trigger']}]{change}\n    {e['context']}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--per", type=int, default=12, help="events drawn per group")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--types", help="comma-separated event types (default: all)")
    args = ap.parse_args()
    wanted = set(args.types.split(",")) if args.types else None
    a, b = load(args.before, wanted), load(args.after, wanted)
    fields = ("modality", "actor", "recipient")
    changed = [k for k in b if k in a and any(a[k][f] != b[k][f] for f in fields)]
    print(f"events: {len(a)} -> {len(b)}")
    show("lost", [k for k in a if k not in b], a, {}, args.per, args.seed)
    show("gained", [k for k in b if k not in a], b, {}, args.per, args.seed)
    show("changed", changed, b, a, args.per, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
