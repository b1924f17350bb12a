"""The recognizer's character set: index 0 is the CTC blank, then these characters."""
import os

BASE = " ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,-/():'&@_+#;\"*%"


def load(path):
    with open(path, encoding="utf-8") as f:
        return f.read().rstrip("\n")


def save(path, chars):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(chars + "\n")


def build(texts):
    extra = sorted({c for t in texts for c in t} - set(BASE))
    return BASE + "".join(extra)
