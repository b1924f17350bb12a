"""Evaluate a recognizer through the C++ path (bpkb-ocr read-line), per face and
per field: greedy and grammar-constrained exact-line accuracy and CER; optionally
stock Tesseract (--psm 7) on a sample of the same lines.

  evaluate.py --root DIR --bin build-text/bpkb-ocr --data DIR [DIR...] [--tesseract N] [--json OUT]
              [--no-second-read] [--predictions OUT.tsv]
DIR/models/recognizer.onnx and charset.txt are the model under test. --no-second-read
measures the constrained reading without the recognizer's second read of unsure
lines (BPKB_RECOGNIZER_SECOND_READ=0), for a before/after with one binary.
--predictions writes every line's reading (set, file, field, truth, constrained text,
confidence, greedy text), to count the lines a change fixed and broke
(`evaluate.py --compare A.tsv B.tsv`).
"""
import argparse
import collections
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(__file__))
import data  # noqa: E402
from train import edit_distance  # noqa: E402


NO_SECOND_READ = False


def read_lines(binary, root, field, paths):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(paths) + "\n")
        lst = f.name
    cmd = [binary, "read-line", "--root", root, "--greedy", "--list", lst]
    if field:
        cmd += ["--field", field]
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    if NO_SECOND_READ:
        env["BPKB_RECOGNIZER_SECOND_READ"] = "0"
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    os.unlink(lst)
    if out.returncode == 2:
        raise RuntimeError(out.stderr)
    rows = out.stdout.split("\n")[:len(paths)]
    res = []
    for r in rows:
        parts = r.split("\t")
        while len(parts) < 3:
            parts.append("")
        res.append((parts[0], float(parts[1] or 0), parts[2]))
    return res


def tesseract(path):
    out = subprocess.run(["tesseract", path, "stdout", "--psm", "7"], capture_output=True, text=True,
                         env=dict(os.environ, OMP_THREAD_LIMIT="1"))
    return " ".join(out.stdout.upper().split())


def score(items):
    n = len(items)
    ex = sum(p == t for p, t in items)
    err = sum(edit_distance(p, t) for p, t in items)
    chars = sum(max(1, len(t)) for _, t in items)
    return dict(lines=n, exact=round(ex / max(1, n), 4), cer=round(err / max(1, chars), 4))


def evaluate_dir(d, binary, root, tess_n, seed, predictions=None):
    rows = data.read_tsv(d)
    by_field = collections.defaultdict(list)
    for i, (file, text, field, face) in enumerate(rows):
        by_field[field].append(i)
    pred = [None] * len(rows)
    t0 = time.time()
    for field, idx in by_field.items():
        res = read_lines(binary, root, field, [os.path.join(d, rows[i][0]) for i in idx])
        for i, r in zip(idx, res):
            pred[i] = r
    secs = time.time() - t0
    if predictions is not None:
        name = os.path.basename(d.rstrip("/"))
        for (file, text, field, face), (ctext, conf, gtext) in zip(rows, pred):
            predictions.write(f"{name}\t{file}\t{field}\t{text}\t{ctext}\t{conf:.3f}\t{gtext}\n")
    groups = collections.defaultdict(lambda: dict(greedy=[], constrained=[]))
    for (file, text, field, face), (ctext, conf, gtext) in zip(rows, pred):
        for key in (("face", face), ("field", field), ("all", "all")):
            groups[key]["greedy"].append((gtext, text))
            groups[key]["constrained"].append((ctext, text))
    out = {"lines": len(rows), "seconds_cli": round(secs, 1)}
    for (kind, name), g in sorted(groups.items()):
        out.setdefault(kind, {})[name] = dict(greedy=score(g["greedy"]), constrained=score(g["constrained"]))
    if tess_n:
        rnd = random.Random(seed)
        sample = rnd.sample(range(len(rows)), min(tess_n, len(rows)))
        with ThreadPoolExecutor(2) as ex:
            tess = list(ex.map(lambda i: tesseract(os.path.join(d, rows[i][0])), sample))
        tg = collections.defaultdict(lambda: dict(tesseract=[], greedy=[], constrained=[]))
        for i, tt in zip(sample, tess):
            face, text = rows[i][3], rows[i][1]
            for key in (face, "all"):
                tg[key]["tesseract"].append((tt, text))
                tg[key]["greedy"].append((pred[i][2], text))
                tg[key]["constrained"].append((pred[i][0], text))
        out["tesseract_sample"] = {k: {m: score(v) for m, v in g.items()} for k, g in sorted(tg.items())}
    return out


def compare(a_path, b_path):
    """Lines whose constrained reading B fixed and broke against A, per set and field."""
    def load(p):
        with open(p, encoding="utf-8") as f:
            return {(r[0], r[1]): r for r in (line.rstrip("\n").split("\t") for line in f)}
    a, b = load(a_path), load(b_path)
    counts = collections.defaultdict(lambda: [0, 0, 0, 0])  # lines, right in A, fixed, broken
    changed = 0
    for key in sorted(a.keys() & b.keys()):
        ra, rb = a[key], b[key]
        ok_a, ok_b = ra[4] == ra[3], rb[4] == rb[3]
        changed += ra[4:] != rb[4:]
        for k in ((ra[0], "all"), (ra[0], ra[2]), ("all", "all")):
            c = counts[k]
            c[0] += 1
            c[1] += ok_a
            c[2] += ok_b and not ok_a
            c[3] += ok_a and not ok_b
    print(f"{len(a.keys() & b.keys())} lines in both, {changed} read differently (text, confidence or greedy)")
    for (s, field), (n, right, fixed, broken) in sorted(counts.items()):
        if field == "all" or fixed or broken:
            print(f"  {s:32s} {field:22s} n={n:5d} {right / n:.4f} -> {(right + fixed - broken) / n:.4f}"
                  f"  fixed {fixed} broken {broken}")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--compare":
        compare(sys.argv[2], sys.argv[3])
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--data", nargs="+", required=True)
    ap.add_argument("--tesseract", type=int, default=0, help="lines per set also read by tesseract")
    ap.add_argument("--json")
    ap.add_argument("--no-second-read", action="store_true",
                    help="turn the recognizer's second read of unsure lines off")
    ap.add_argument("--predictions", help="write every line's reading to this TSV")
    args = ap.parse_args()
    global NO_SECOND_READ
    NO_SECOND_READ = args.no_second_read
    res = {}
    predictions = open(args.predictions, "w", encoding="utf-8") if args.predictions else None
    for d in args.data:
        r = evaluate_dir(d, args.bin, args.root, args.tesseract, 7, predictions)
        res[os.path.basename(d.rstrip("/"))] = r
        a = r["all"]["all"]
        print(f"{d}: {r['lines']} lines  greedy exact {a['greedy']['exact']:.4f} cer {a['greedy']['cer']:.4f}  "
              f"constrained exact {a['constrained']['exact']:.4f} cer {a['constrained']['cer']:.4f}")
        for face, v in r["face"].items():
            print(f"  {face:40s} n={v['greedy']['lines']:5d} greedy {v['greedy']['exact']:.4f} "
                  f"constrained {v['constrained']['exact']:.4f}")
        if "tesseract_sample" in r:
            for k, v in r["tesseract_sample"].items():
                print(f"  tesseract sample {k:30s} n={v['tesseract']['lines']:4d} tesseract {v['tesseract']['exact']:.4f}"
                      f" greedy {v['greedy']['exact']:.4f} constrained {v['constrained']['exact']:.4f}")
    if predictions is not None:
        predictions.close()
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
