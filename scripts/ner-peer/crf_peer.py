#!/usr/bin/env python3
"""The Python CRF peer hadath's NER is benchmarked against: sklearn-crfsuite, standard features.

Features are the usual CRF-NER set (word, its affixes, shape, +-1/2 context words), nothing
Arabic-specific, so the comparison shows what hadath's clitic/cluster/gazetteer features and
its Rust implementation add. Reads the train/dev split hadath uses (CoNLL files written by
`ner split`), trains and reports conlleval-style micro F1 on dev; a second call tags a file and
reports tokens/s (separate process, so peak memory is tagging's, as for hadath).
"""
import json
import pickle
import resource
import sys
import time

import sklearn_crfsuite


def read_conll(path):
    sents, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            tok, _, tag = line.rpartition(" ")
            if not tok:
                tok, tag = tag, "O"
            cur.append((tok, tag))
    if cur:
        sents.append(cur)
    return sents


def word_features(sent, i):
    w = sent[i][0]
    f = {
        "bias": 1.0,
        "w": w,
        "p2": w[:2], "p3": w[:3], "s2": w[-2:], "s3": w[-3:],
        "len": min(len(w), 10),
        "digit": w.isdigit(),
        "alpha": w.isalpha(),
    }
    for d in (-2, -1, 1, 2):
        j = i + d
        if 0 <= j < len(sent):
            f["w%+d" % d] = sent[j][0]
            if abs(d) == 1:
                f["s3%+d" % d] = sent[j][0][-3:]
        else:
            f["w%+d" % d] = "<pad>"
    return f


def sent2features(s):
    return [word_features(s, i) for i in range(len(s))]


def chunks(tags):
    out, cur = [], None
    for i, t in enumerate(tags):
        if t.startswith("I-") and cur and cur[2] == t[2:]:
            cur[1] = i + 1
            continue
        if cur:
            out.append(tuple(cur))
            cur = None
        if t[:2] in ("B-", "I-"):
            cur = [i, i + 1, t[2:]]
    if cur:
        out.append(tuple(cur))
    return out


def score(gold, pred):
    per = {}
    for g, p in zip(gold, pred):
        gc, pc = set(chunks(g)), set(chunks(p))
        for c in gc:
            per.setdefault(c[2], [0, 0, 0])[0] += 1
        for c in pc:
            e = per.setdefault(c[2], [0, 0, 0])
            e[1] += 1
            e[2] += c in gc
    def prf(g, p, c):
        pr = c / p if p else 0.0
        rc = c / g if g else 0.0
        return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)
    tot = [sum(v[k] for v in per.values()) for k in range(3)]
    return prf(*tot), {k: prf(*v) for k, v in sorted(per.items())}


def main():
    # Two modes, so the benchmark can measure tagging memory without training's:
    #   crf_peer.py train TRAIN DEV MODEL   -> trains, pickles MODEL, prints dev scores (JSON)
    #   crf_peer.py tag MODEL FILE          -> tags FILE, prints tokens/s (JSON)
    mode = sys.argv[1]
    if mode == "train":
        train_path, dev_path, model_path = sys.argv[2:5]
        train, dev = read_conll(train_path), read_conll(dev_path)
        t0 = time.time()
        crf = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=0.1, c2=0.1, max_iterations=100,
                                   all_possible_transitions=True)
        crf.fit([sent2features(s) for s in train], [[t for _, t in s] for s in train])
        train_s = time.time() - t0
        pred = crf.predict([sent2features(s) for s in dev])
        (p, r, f), per = score([[t for _, t in s] for s in dev], pred)
        with open(model_path, "wb") as out:
            pickle.dump(crf, out)
        print(json.dumps({
            "train_seconds": round(train_s, 1),
            "dev_micro": {"p": round(100 * p, 2), "r": round(100 * r, 2), "f1": round(100 * f, 2)},
            "dev_per_type_f1": {k: round(100 * v[2], 2) for k, v in per.items()},
        }))
    elif mode == "tag":
        model_path, bench_path = sys.argv[2:4]
        with open(model_path, "rb") as f:
            crf = pickle.load(f)
        bench = read_conll(bench_path)
        n = sum(len(s) for s in bench)
        t1 = time.time()
        crf.predict([sent2features(s) for s in bench])
        secs = time.time() - t1
        print(json.dumps({
            "bench_tokens": n, "bench_seconds": round(secs, 3),
            "tokens_per_second": round(n / secs),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }))
    else:
        sys.exit("usage: crf_peer.py train TRAIN DEV MODEL | tag MODEL FILE")


if __name__ == "__main__":
    main()
