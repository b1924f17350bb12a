"""A small stand-in line renderer (OpenCV FreeType): value-like texts in packaged
fonts and in a drawn dot-matrix face, written in the corpus generator's line format
(DIR/lines.tsv: file<TAB>text<TAB>field<TAB>face). Used for pipeline tests and as
extra training data; the corpus generator's line mode is the main source. Only
fonts of the generator's TRAIN split are used (src/synth/faces.cc), so held-out
faces stay unseen.

  render_lines.py --out DIR --count N --seed S
"""
import argparse
import os
import random

import cv2
import numpy as np

FONTS = {
    "dejavu-mono": "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "dejavu-mono-bold": "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf",
    "liberation-mono": "/usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf",
    "freemono-bold": "/usr/share/fonts/truetype/freefont/FreeMonoBold.ttf",
    "hack-bold": "/usr/share/fonts/truetype/hack/Hack-Bold.ttf",
}

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0123456789"
WORDS = ["PUTIH", "HITAM", "MERAH", "SILVER", "ABU-ABU", "METALIK", "BIRU", "KUNING", "TOYOTA",
         "HONDA", "YAMAHA", "SUZUKI", "KIA", "MITSUBISHI", "DAIHATSU", "BENSIN", "SOLAR",
         "MB PENUMPANG", "SEPEDA MOTOR", "JEEP", "MINIBUS", "SEDAN", "PICK UP", "SOLO", "SCOOTER",
         "WIRASWASTA", "KARYAWAN SWASTA", "PEGAWAI NEGERI SIPIL", "JAKARTA", "BANDUNG", "SURABAYA",
         "JL.", "GG.", "KEL.", "KEC.", "KOTA", "KAB.", "RT.", "RW.", "PT.", "CV.", "M", "MUHAMMAD",
         "SITI", "NUR", "AHMAD", "RAMDHAN", "MUBARAK", "NASUTION", "WIJAYA", "SANTOSO", "DEWI"]


def rand_text(r):
    k = r.random()
    if k < 0.15:  # plate
        return (r.choice(["B", "D", "F", "AB", "BK", "DK", "L", "KT"]) + " " + str(r.randint(1, 9999))
                + " " + "".join(r.choice(LETTERS) for _ in range(r.randint(0, 3)))).strip()
    if k < 0.3:  # VIN / engine number
        return "".join(r.choice(LETTERS + DIGITS + DIGITS) for _ in range(r.randint(6, 17)))
    if k < 0.4:  # date / NIK / year / cc
        c = r.random()
        if c < 0.3:
            return f"{r.randint(1, 28)} - {r.randint(1, 12)} - {r.randint(1990, 2025)}"
        if c < 0.6:
            return "".join(r.choice(DIGITS) for _ in range(16))
        if c < 0.8:
            return f"{r.randint(1, 9)}.{r.randint(0, 999):03d} CC" if r.random() < 0.5 else f"{r.randint(50, 999)} CC"
        return f"{r.randint(2, 6)} ({r.choice(['DUA', 'TIGA', 'EMPAT', 'ENAM'])})"
    if k < 0.55:  # address
        return (f"{r.choice(['JL.', 'GG.', 'KP.'])} {r.choice(WORDS)} NO. {r.randint(1, 200)} "
                f"RT. {r.randint(1, 20):03d} RW. {r.randint(1, 15):03d}")
    words = [r.choice(WORDS) for _ in range(r.randint(1, 4))]
    if r.random() < 0.3:
        words.append("".join(r.choice(LETTERS) for _ in range(r.randint(3, 9))))
    return " ".join(words)


def render_font(text, path, r):
    ft = cv2.freetype.createFreeType2()
    ft.loadFontData(path, 0)
    size = r.randint(22, 40)
    (w, h), base = ft.getTextSize(text, size, -1)
    pad = r.randint(2, 12)
    img = np.full((h + base + 2 * pad, w + 2 * pad + 4, 3), 255, np.uint8)
    ft.putText(img, text, (pad, pad + h), size, (0, 0, 0), -1, cv2.LINE_AA, True)
    return cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)


def render_dotmatrix(text, r):
    """Glyphs from a small bitmap (a font rasterised on a 7-9 row grid) drawn as dots,
    with the squarish face's quirks: full-height middle strokes in M and W."""
    rows = r.choice([7, 8, 9])
    ft = cv2.freetype.createFreeType2()
    ft.loadFontData(FONTS[r.choice(["dejavu-mono-bold", "liberation-mono", "hack-bold"])], 0)
    pitch = r.randint(3, 5)
    dot = max(1, int(pitch * r.uniform(0.35, 0.6)))
    cols = []
    for ch in text:
        if ch == " ":
            cols.append(np.zeros((rows, 4), np.uint8))
            continue
        g = np.zeros((rows * 4, rows * 4, 3), np.uint8)
        ft.putText(g, ch, (0, rows * 3), rows * 3 + rows // 2, (255, 255, 255), -1, cv2.LINE_8, True)
        g = g[:, :, 0]
        ys, xs = np.nonzero(g)
        if len(xs) == 0:
            cols.append(np.zeros((rows, 3), np.uint8))
            continue
        g = g[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
        gw = max(1, int(round(g.shape[1] * (rows if ch not in ".,:'" else max(2, rows * g.shape[0] // (rows * 3))) / g.shape[0])))
        gh = rows if g.shape[0] > rows * 1.5 else max(1, int(round(g.shape[0] / 3)))
        cell = cv2.resize(g, (min(gw, rows), gh), interpolation=cv2.INTER_AREA) > 100
        full = np.zeros((rows, cell.shape[1] + 1), np.uint8)
        top = rows - gh if ch in ".,_" else (0 if gh == rows else (rows - gh) // 2)
        full[top:top + gh, :cell.shape[1]] = cell
        if ch in "MW" and full.shape[1] >= 3:
            full[:, full.shape[1] // 2 - 1 + (full.shape[1] - 1) % 2] = 1
        cols.append(full)
    grid = np.concatenate(cols, axis=1)
    pad = r.randint(2, 10)
    h, w = grid.shape
    img = np.full((h * pitch + 2 * pad, w * pitch + 2 * pad), 255, np.uint8)
    slant = r.uniform(-0.25, 0.05) if r.random() < 0.3 else 0.0
    for y, x in zip(*np.nonzero(grid)):
        cx = pad + x * pitch + pitch // 2 + int(round((h - y) * pitch * -slant))
        cy = pad + y * pitch + pitch // 2
        cv2.circle(img, (cx, cy), dot, 0, -1, cv2.LINE_AA)
    return img


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--faces", default="all", help="comma list of faces or 'all'")
    args = ap.parse_args()
    r = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    faces = list(FONTS) + ["drawn-dotmatrix"]
    if args.faces != "all":
        faces = args.faces.split(",")
    with open(os.path.join(args.out, "lines.tsv"), "w", encoding="utf-8") as tsv:
        for i in range(args.count):
            text = rand_text(r)
            face = r.choice(faces)
            img = render_dotmatrix(text, r) if face == "drawn-dotmatrix" else render_font(text, FONTS[face], r)
            name = f"l{i:06d}.png"
            cv2.imwrite(os.path.join(args.out, name), img)
            tsv.write(f"{name}\t{text}\t\t{face}\n")


if __name__ == "__main__":
    main()
