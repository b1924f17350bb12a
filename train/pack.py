"""Pack line data sets into one small file for a GPU machine: crops already
normalised by lineprep (height 32), JPEG-encoded, until a size budget is reached.

  pack.py --out .carry/lines.npz --budget-mib 52 --charset models/charset.txt DIR [DIR...]
"""
import argparse
import os

import cv2
import numpy as np

import charset as charset_lib
import data


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--budget-mib", type=float, default=52)
    ap.add_argument("--quality", type=int, default=75)
    ap.add_argument("--charset", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("dirs", nargs="+")
    args = ap.parse_args()
    ls = None
    for d in args.dirs:
        s = data.load_dir(d)
        ls = s if ls is None else (ls.extend(s) or ls)
    order = np.random.default_rng(args.seed).permutation(len(ls))
    blobs, texts, faces, fields, total = [], [], [], [], 0
    budget = args.budget_mib * 1024 * 1024
    for i in order:
        ok, b = cv2.imencode(".jpg", ls.images[i], [cv2.IMWRITE_JPEG_QUALITY, args.quality])
        if total + len(b) > budget:
            break
        blobs.append(b.ravel())
        total += len(b)
        texts.append(ls.texts[i])
        faces.append(ls.faces[i])
        fields.append(ls.fields[i])
    offsets = np.cumsum([0] + [len(b) for b in blobs]).astype(np.int64)
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    def joined(xs):  # compact: one UTF-8 byte string, newline-separated
        return np.frombuffer("\n".join(xs).encode("utf-8"), np.uint8)

    np.savez(args.out, jpg=np.concatenate(blobs), offsets=offsets, texts=joined(texts),
             faces=joined(faces), fields=joined(fields),
             charset=joined([charset_lib.load(args.charset)]))
    print(f"packed {len(blobs)} of {len(ls)} lines, {total / 1048576:.1f} MiB -> {args.out}")


if __name__ == "__main__":
    main()
