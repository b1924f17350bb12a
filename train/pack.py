"""Pack line data sets into one small file for a GPU machine: crops already
normalised by lineprep (height 32), JPEG- or WebP-encoded (WebP: about 30% smaller
at the same quality), until a size budget is reached. DIR:K gives a set's lines the
sampling weight K (the trainer repeats them K times; stored once).

  pack.py --out .carry/lines.npz --budget-mib 52 --charset models/charset.txt DIR[:K] [DIR...]
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
    ap.add_argument("--format", choices=["jpg", "webp"], default="jpg")
    ap.add_argument("dirs", nargs="+")
    args = ap.parse_args()
    ls, weight = None, []
    for spec in args.dirs:
        d, _, k = spec.partition(":")
        s = data.load_dir(d)
        weight += [int(k or 1)] * len(s.texts)
        ls = s if ls is None else (ls.extend(s) or ls)
    # weighted sets (the reader's crops) first, so that the budget never drops them
    order = np.random.default_rng(args.seed).permutation(len(ls))
    order = order[np.argsort(-np.array(weight)[order], kind="stable")]
    blobs, texts, faces, fields, weights, total = [], [], [], [], [], 0
    flag = cv2.IMWRITE_JPEG_QUALITY if args.format == "jpg" else cv2.IMWRITE_WEBP_QUALITY
    budget = args.budget_mib * 1024 * 1024
    for i in order:
        ok, b = cv2.imencode("." + args.format, ls.images[i], [flag, args.quality])
        if total + len(b) > budget:
            break
        blobs.append(b.ravel())
        total += len(b)
        texts.append(ls.texts[i])
        faces.append(ls.faces[i])
        fields.append(ls.fields[i])
        weights.append(weight[i])
    offsets = np.cumsum([0] + [len(b) for b in blobs]).astype(np.int64)
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    def joined(xs):  # compact: one UTF-8 byte string, newline-separated
        return np.frombuffer("\n".join(xs).encode("utf-8"), np.uint8)

    np.savez(args.out, jpg=np.concatenate(blobs), offsets=offsets, texts=joined(texts),
             faces=joined(faces), fields=joined(fields), weights=np.array(weights, np.uint8),
             charset=joined([charset_lib.load(args.charset)]))
    print(f"packed {len(blobs)} of {len(ls)} lines, {total / 1048576:.1f} MiB -> {args.out}")


if __name__ == "__main__":
    main()
