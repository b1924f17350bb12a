"""Line pre-processing shared by training and inference.

Must match src/bpkb/text/line_preprocess.cc exactly: gray, contrast stretch by
integer histogram percentiles, resize to HEIGHT keeping the aspect ratio, pad the
width, ink = 1 - v/255 (background 0).
"""
import cv2
import numpy as np

HEIGHT = 32
MIN_WIDTH = 32
MAX_WIDTH = 1024
WIDTH_MULTIPLE = 8  # the model downsamples the width by 4; keep it even after that


def to_gray(img):
    if img.ndim == 2:
        return img
    if img.shape[2] == 4:
        return cv2.cvtColor(img, cv2.COLOR_BGRA2GRAY)
    if img.shape[2] == 1:
        return img[:, :, 0]
    return cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)


def stretch_lut(gray):
    """Maps the 1st..99th percentile of the gray levels to 0..255 (integer maths)."""
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.int64)
    total = int(gray.size)
    cum = np.cumsum(hist)
    lo = int(np.searchsorted(cum, (total * 1) // 100 + 1))
    hi = int(np.searchsorted(cum, (total * 99 + 99) // 100))
    lo = min(lo, 255)
    hi = min(hi, 255)
    if hi - lo < 16:  # nearly flat: no ink to read, make it blank paper
        return np.full(256, 255, dtype=np.uint8)
    v = np.arange(256, dtype=np.int64)
    out = (np.clip(v - lo, 0, None) * 255) // (hi - lo)
    return np.clip(out, 0, 255).astype(np.uint8)


def scaled_width(w, h):
    nw = (w * HEIGHT + h // 2) // h
    return int(min(max(nw, 1), MAX_WIDTH))


def normalise_u8(img):
    """Any crop -> uint8 gray of height HEIGHT, stretched (not padded)."""
    gray = to_gray(img)
    gray = cv2.LUT(gray, stretch_lut(gray))
    h, w = gray.shape
    nw = scaled_width(w, h)
    interp = cv2.INTER_AREA if h > HEIGHT else cv2.INTER_LINEAR
    return cv2.resize(gray, (nw, HEIGHT), interpolation=interp)


def padded_width(w):
    w = max(w, MIN_WIDTH)
    return (w + WIDTH_MULTIPLE - 1) // WIDTH_MULTIPLE * WIDTH_MULTIPLE


def to_input(u8):
    """uint8 HEIGHT x w -> float32 1x1xHEIGHTxW ink map, padded right with background."""
    h, w = u8.shape
    pw = padded_width(w)
    x = np.zeros((1, 1, h, pw), np.float32)
    x[0, 0, :, :w] = 1.0 - u8.astype(np.float32) / 255.0
    return x
