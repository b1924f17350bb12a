"""Line data sets in the corpus generator's format (DIR/lines.tsv with
file<TAB>text<TAB>field<TAB>face, crops beside it), pre-processed once with
lineprep.normalise_u8 and cached as DIR/cache.npz (uint8 rows of height 32)."""
import os

import cv2
import numpy as np

import lineprep


def read_tsv(d):
    rows = []
    with open(os.path.join(d, "lines.tsv"), encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2 or parts[0] == "file":
                continue
            while len(parts) < 4:
                parts.append("")
            rows.append(parts[:4])
    return rows


class LineSet:
    """images: list of uint8 HEIGHT x w; texts, fields, faces: lists of str."""

    def __init__(self, images, texts, fields, faces):
        self.images, self.texts, self.fields, self.faces = images, texts, fields, faces

    def __len__(self):
        return len(self.images)

    def save(self, path):
        widths = np.array([im.shape[1] for im in self.images], np.int32)
        flat = np.concatenate([im.T.ravel() for im in self.images]) if self.images else np.zeros(0, np.uint8)
        np.savez_compressed(path, flat=flat, widths=widths,
                            texts=np.array(self.texts), fields=np.array(self.fields),
                            faces=np.array(self.faces))

    @staticmethod
    def load_npz(path):
        z = np.load(path)
        flat, widths = z["flat"], z["widths"]
        h = lineprep.HEIGHT
        images, off = [], 0
        for w in widths:
            n = int(w) * h
            images.append(np.ascontiguousarray(flat[off:off + n].reshape(int(w), h).T))
            off += n
        return LineSet(images, [str(t) for t in z["texts"]], [str(t) for t in z["fields"]],
                       [str(t) for t in z["faces"]])

    def extend(self, other):
        self.images += other.images
        self.texts += other.texts
        self.fields += other.fields
        self.faces += other.faces


def load_dir(d, use_cache=True):
    cache = os.path.join(d, "cache.npz")
    if use_cache and os.path.exists(cache) and os.path.getmtime(cache) >= os.path.getmtime(
            os.path.join(d, "lines.tsv")):
        return LineSet.load_npz(cache)
    rows = read_tsv(d)
    images, texts, fields, faces = [], [], [], []
    for file, text, field, face in rows:
        img = cv2.imread(os.path.join(d, file), cv2.IMREAD_UNCHANGED)
        if img is None:
            continue
        images.append(lineprep.normalise_u8(img))
        texts.append(text)
        fields.append(field)
        faces.append(face)
    s = LineSet(images, texts, fields, faces)
    if use_cache:
        s.save(cache)
    return s
