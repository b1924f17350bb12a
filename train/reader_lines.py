"""Line sets from the reader's own value-line crops (`bpkb-ocr dump-lines`).

  reader_lines.py [--train] OUT DUMP_DIR [DUMP_DIR...]

Keeps the crops whose truth is known to be the printed line: the only crop of its
field on its page, a non-empty expected value, and not a field whose printed form
differs from the normalised value (dates); with --train, also crops of fields
cropped several times whose reading shows the whole value (shows_whole_truth). Writes OUT/lines.tsv in the line data
sets' format (file, text, field, face; file paths absolute), usable by
evaluate.py and train.py, and prints what the reader itself read on those crops.
--train (for training sets) also drops crops whose greedy reading does not hold
the truth (edit distance of the truth to the closest part of the reading >
max(2, len/4)): mostly crops the layout cut short, whose truth is not what they
show. Extra text around the truth (a label fragment before a VIN, a neighbour's
line) is kept: the recognizer must learn to leave it out.
"""
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from train import edit_distance  # noqa: E402

# printed differently from the API value ("1 - 7 - 2011" vs "01-07-2011")
SKIP_FIELDS = {"tanggal_dikeluarkan"}


# crops of one field on one page kept for training when the reader cut several
MAX_REPEATS = 4


def shows_whole_truth(truth, greedy):
    """A field the reader cropped several times (VIN and plate: the vertical serial,
    starts stepped past the label): a crop is a training line only when its reading
    is at least as long as the truth and holds it within 3 edits, so crops that
    start inside the value are left out, and the label strokes over a VIN's first
    characters (the main class of VIN misses) are kept to learn from."""
    return len(greedy) >= len(truth) and edit_distance(truth, greedy, infix=True) <= 3


def main():
    args = sys.argv[1:]
    for_training = bool(args) and args[0] == "--train"
    if for_training:
        args = args[1:]
    out, dumps = args[0], args[1:]
    os.makedirs(out, exist_ok=True)
    rows = []
    per_page = collections.Counter()
    for d in dumps:
        with open(os.path.join(d, "lines.tsv"), encoding="utf-8") as f:
            for line in f:
                p = line.rstrip("\n").split("\t")
                if len(p) < 9:
                    continue
                file, truth, field, face, read, greedy, page, k, n = p[:9]
                if not truth or not field or field in SKIP_FIELDS:
                    continue
                if n != "1" and not (for_training and shows_whole_truth(truth, greedy)):
                    continue
                if n != "1":
                    seen = per_page[(d, page, field)] = per_page[(d, page, field)] + 1
                    if seen > MAX_REPEATS:
                        continue
                if for_training and edit_distance(truth, greedy, infix=True) > max(2, len(truth) / 4):
                    continue
                rows.append((os.path.abspath(os.path.join(d, file)), truth, field, face, read, greedy))
    with open(os.path.join(out, "lines.tsv"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write("\t".join(r[:4]) + "\n")
    per = collections.defaultdict(lambda: [0, 0, 0])
    for _, truth, field, _, read, greedy in rows:
        for key in (field, "_all"):
            per[key][0] += 1
            per[key][1] += read == truth
            per[key][2] += greedy == truth
    print(f"{len(rows)} crops with a known line truth -> {out}/lines.tsv")
    for k, (n, c, g) in sorted(per.items()):
        print(f"  {k:22s} n={n:4d} read (constrained) {c / n:.3f} greedy {g / n:.3f}")


if __name__ == "__main__":
    main()
