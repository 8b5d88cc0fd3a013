#!/usr/bin/env python3
"""List candidate person entries for review, from the Phoenix (PETRARCH2) and UniversalPetrarch
Arabic actor dictionaries (both MIT, Open Event Data Alliance).

Nothing printed here goes into the dictionary by itself: the output is in hadath's block format
with `ar = TODO` and the source's codes and dates, for a person to check against the public
record, spell in Arabic and paste into people.txt. People already in the dictionary (matched
by English name) are skipped.

    python3 data/actors/candidates.py ../shared/data/events SYR IRQ --since 2000

Phoenix dates are [CODE YYYYMMDD-YYYYMMDD], [CODE >YYYYMMDD] or [CODE <YYYYMMDD], with
six-digit YYMMDD in older entries; UniversalPetrarch's Arabic file is lemmatised
(وزير_خارجية_روسي_) and is shown only as spelling hints for the same codes.
"""

import argparse
import os
import re
import sys

ROLE = re.compile(r"\[([A-Z]{3,})\s*([<>]?)(\d{6,8})?(?:-(\d{6,8}))?\]")


def year(text):
    """The year of a Phoenix date, four- or two-digit."""
    if not text:
        return None
    if len(text) == 8:
        return int(text[:4])
    yy = int(text[:2])
    return 1900 + yy if yy > 30 else 2000 + yy


def phoenix_people(path):
    """(names, roles) blocks of a Phoenix actors file: a head line, `+` synonyms, role lines."""
    names, roles = [], []
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = raw.split("#")[0].rstrip()
            if not line.strip():
                continue
            if line.startswith("+"):
                names.append(line[1:].strip())
            elif line[0].isspace() or line.lstrip().startswith("["):
                roles.extend(ROLE.findall(line))
            else:
                if names:
                    yield names, roles
                head = line.split("[")[0].strip()
                names, roles = [head], ROLE.findall(line)
    if names:
        yield names, roles


def letters(name):
    """A name reduced to its upper-case letters, so BASHAR_AL_ASSAD meets Bashar al-Assad."""
    return "".join(c for c in name.upper() if c.isalpha())


def known_names(here):
    known = set()
    for name in os.listdir(here):
        if name.endswith(".txt"):
            with open(os.path.join(here, name), encoding="utf-8") as f:
                for line in f:
                    if line.strip().startswith("en"):
                        for n in line.split("=", 1)[1].split("#")[0].split("|"):
                            known.add(letters(n))
    return known


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("events_dir", help="directory holding dictionaries-en/ and dictionaries-ar/")
    ap.add_argument("countries", nargs="+", help="ISO3 codes, e.g. SYR IRQ")
    ap.add_argument("--since", type=int, default=2000, help="first year of interest")
    args = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    known = known_names(here)
    phoenix = os.path.join(args.events_dir, "dictionaries-en", "Phoenix.Countries.actors.txt")
    arabic = os.path.join(args.events_dir, "dictionaries-ar", "actor_dict_ar_v4.txt")
    hints = {}
    if os.path.exists(arabic):
        for names, roles in phoenix_people(arabic):
            for code, *_ in roles:
                hints.setdefault(code[:3], set()).add(names[0].replace("_", " ").strip())
    for names, roles in phoenix_people(phoenix):
        wanted = [r for r in roles if r[0][:3] in args.countries]
        recent = [
            r for r in wanted
            if r[1] == ">" or (year(r[3]) or year(r[2]) or 0) >= args.since
        ]
        head = names[0].strip("_")
        if not recent or any(letters(n) in known for n in names):
            continue
        print(f"[person.{head.lower().replace('_', '-')}] person")
        print(f"en   = {head.replace('_', ' ').title()}")
        print("ar   = TODO")
        for code, sign, start, end in recent:
            span = f"{sign}{start or ''}-{end or ''}"
            print(f"role = {code}   # Phoenix: {span}; check the dates")
        print()
    for country in args.countries:
        spellings = sorted(hints.get(country, ()))[:60]
        if spellings:
            print(f"# UniversalPetrarch Arabic lemmas coded {country} (spelling hints):", file=sys.stderr)
            print("#   " + " | ".join(spellings), file=sys.stderr)


if __name__ == "__main__":
    main()
