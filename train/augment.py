"""Batch augmentations in torch (CPU or GPU) on ink maps (N x 1 x 32 x W, ink=1,
background=0), imitating printers and scans: stroke weight, italic shear, vertical
jitter, dot-matrix sampling, dotted/solid rules through and under the text,
guilloche-like backgrounds, crossing strokes, blur, low resolution, noise, fading,
binarisation. Each effect hits a random subset of the batch."""
import math

import torch
import torch.nn.functional as F


def _pick(n, p, dev):
    return (torch.rand(n, 1, 1, 1, device=dev) < p).float()


def _restretch(x):
    # what lineprep's percentile stretch does at inference, approximately
    n = x.shape[0]
    flat = x.reshape(n, -1)
    k = flat.shape[1]
    lo = flat.kthvalue(max(1, k // 100), dim=1).values.view(n, 1, 1, 1)
    hi = flat.kthvalue(max(1, (k * 99) // 100), dim=1).values.view(n, 1, 1, 1)
    ok = (hi - lo > 0.1).float()
    y = ((x - lo) / (hi - lo).clamp(min=1e-3)).clamp(0, 1)
    return ok * y + (1 - ok) * x


def augment(x, strength=1.0):
    n, _, h, w = x.shape
    dev = x.device
    s = strength
    # geometry: italic shear, vertical scale and shift (per sample)
    theta = torch.zeros(n, 2, 3, device=dev)
    shear = (torch.rand(n, device=dev) * 2 - 1) * 0.35 * s
    sy = 1 + (torch.rand(n, device=dev) * 2 - 1) * 0.12 * s
    ty = (torch.rand(n, device=dev) * 2 - 1) * 0.12 * s
    sx = 1 + (torch.rand(n, device=dev) * 2 - 1) * 0.06 * s
    theta[:, 0, 0] = sx
    theta[:, 0, 1] = shear * (h / w)
    theta[:, 1, 1] = sy
    theta[:, 1, 2] = ty
    grid = F.affine_grid(theta, x.shape, align_corners=False)
    g = _pick(n, 0.7 * s, dev)
    x = g * F.grid_sample(x, grid, align_corners=False, padding_mode="zeros") + (1 - g) * x

    # stroke weight: dilate or erode
    dil = F.max_pool2d(x, (3, 3), 1, 1)
    ero = -F.max_pool2d(-x, (3, 3), 1, 1)
    r = torch.rand(n, 1, 1, 1, device=dev)
    x = torch.where(r < 0.15 * s, dil, torch.where(r < 0.25 * s, 0.5 * (x + ero), x))
    dil2 = F.max_pool2d(x, (1, 2), 1, 0)
    dil2 = F.pad(dil2, (0, 1))
    x = torch.where(_pick(n, 0.15 * s, dev) > 0, dil2, x)

    yy = torch.arange(h, device=dev).view(1, 1, h, 1).float()
    xx = torch.arange(w, device=dev).view(1, 1, 1, w).float()

    # dot-matrix: sample the glyphs through a grid of dots
    pitch = 1.6 + torch.rand(n, 1, 1, 1, device=dev) * 1.6
    ph = torch.rand(n, 1, 1, 1, device=dev) * 6.28
    dots = (0.5 + 0.5 * torch.cos(2 * math.pi * xx / pitch + ph)) * (
        0.5 + 0.5 * torch.cos(2 * math.pi * yy / pitch + ph))
    dots = (dots * 2.5).clamp(0, 1)
    dm = _pick(n, 0.2 * s, dev)
    x = dm * x * dots + (1 - dm) * x
    x = dm * F.avg_pool2d(x, 3, 1, 1) * 1.6 + (1 - dm) * x
    x = x.clamp(0, 1)

    # background: guilloche-like waves and light texture
    a = torch.rand(n, 1, 1, 1, device=dev)
    f1 = 0.05 + a * 0.4
    wave = torch.sin(f1 * xx + 3 * torch.sin(0.07 * yy + a * 9) + yy * (0.3 + a))
    guil = (wave > 0.92).float() * (0.15 + 0.35 * torch.rand(n, 1, 1, 1, device=dev))
    x = torch.maximum(x, guil * _pick(n, 0.3 * s, dev))

    # rules: solid or dotted, through or under the text
    ry = (torch.rand(n, 1, 1, 1, device=dev) * 1.2 - 0.1) * h
    thick = 0.6 + torch.rand(n, 1, 1, 1, device=dev) * 1.4
    dotp = 2 + torch.randint(0, 6, (n, 1, 1, 1), device=dev).float()
    dotted = (torch.rand(n, 1, 1, 1, device=dev) < 0.6).float()
    on = dotted * (torch.remainder(xx, dotp) < dotp / 2).float() + (1 - dotted)
    rule = ((yy - ry).abs() < thick).float() * on * (0.4 + 0.6 * torch.rand(n, 1, 1, 1, device=dev))
    x = torch.maximum(x, rule * _pick(n, 0.35 * s, dev))

    # crossing strokes (stamps, signatures)
    c0 = torch.rand(n, 1, 1, 1, device=dev) * h
    amp = torch.rand(n, 1, 1, 1, device=dev) * h * 0.8
    fr = 0.01 + torch.rand(n, 1, 1, 1, device=dev) * 0.08
    curve = c0 + amp * torch.sin(fr * xx + a * 20)
    stroke = ((yy - curve).abs() < (0.7 + a * 1.5)).float() * (0.3 + 0.6 * torch.rand(n, 1, 1, 1, device=dev))
    xs0 = torch.rand(n, 1, 1, 1, device=dev) * w
    span = ((xx - xs0).abs() < w * 0.25).float()
    x = torch.maximum(x, stroke * span * _pick(n, 0.2 * s, dev))

    # low resolution
    lr = _pick(n, 0.2 * s, dev)
    small = F.interpolate(x, scale_factor=0.5, mode="bilinear", align_corners=False)
    x = lr * F.interpolate(small, size=(h, w), mode="bilinear", align_corners=False) + (1 - lr) * x

    # blur
    k = torch.tensor([0.25, 0.5, 0.25], device=dev)
    kern = (k.view(3, 1) * k.view(1, 3)).view(1, 1, 3, 3)
    bl = F.conv2d(x, kern, padding=1)
    bl2 = F.conv2d(bl, kern, padding=1)
    r = torch.rand(n, 1, 1, 1, device=dev)
    x = torch.where(r < 0.25 * s, bl, torch.where(r < 0.35 * s, bl2, x))

    # fading, paper tone, noise
    gain = 1 - torch.rand(n, 1, 1, 1, device=dev) * 0.5 * s
    base = torch.rand(n, 1, 1, 1, device=dev) * 0.25 * s
    x = base + x * gain * (1 - base)
    sigma = torch.rand(n, 1, 1, 1, device=dev) * 0.12 * s
    x = x + torch.randn_like(x) * sigma
    sp = (torch.rand_like(x) < 0.01 * s).float() * _pick(n, 0.2 * s, dev)
    x = torch.maximum(x, sp)
    x = x.clamp(0, 1)

    # binarise some
    bz = _pick(n, 0.12 * s, dev)
    thr = 0.35 + torch.rand(n, 1, 1, 1, device=dev) * 0.3
    xb = _restretch(x)
    x = bz * (xb > thr).float() + (1 - bz) * x
    # back to what inference sees: stretched, quantised to 8 bits
    x = _restretch(x)
    return torch.round(x * 255) / 255
