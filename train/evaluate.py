"""Evaluate a recognizer through the C++ path (bpkb-ocr read-line), per face and
per field: greedy and grammar-constrained exact-line accuracy and CER; optionally
stock Tesseract (--psm 7) on a sample of the same lines.

  evaluate.py --root DIR --bin build-text/bpkb-ocr --data DIR [DIR...] [--tesseract N] [--json OUT]
              [--no-second-read]
DIR/models/recognizer.onnx and charset.txt are the model under test. --no-second-read
measures the constrained reading without the recognizer's second read of unsure
lines (BPKB_RECOGNIZER_SECOND_READ=0), for a before/after with one binary.
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


def evaluate_dir(d, binary, root, tess_n, seed):
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--data", nargs="+", required=True)
    ap.add_argument("--tesseract", type=int, default=0, help="lines per set also read by tesseract")
    ap.add_argument("--json")
    ap.add_argument("--no-second-read", action="store_true",
                    help="turn the recognizer's second read of unsure lines off")
    args = ap.parse_args()
    global NO_SECOND_READ
    NO_SECOND_READ = args.no_second_read
    res = {}
    for d in args.data:
        r = evaluate_dir(d, args.bin, args.root, args.tesseract, 7)
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
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
