"""Train on a GPU machine from a packed data set (pack.py): every crop lives on
the GPU in width buckets, augmentation runs on the GPU (augment.py), training
stops after a time budget. Writes OUT/<name>_weights.npz (numpy state dict, so
that Debian's torch 1.13 can load and export it), its config and a log.

  gpu_train.py --pack .carry/lines.npz --out DIR --name lstm1 --seconds 300
"""
import argparse
import json
import math
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import cv2
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import augment  # noqa: E402
import lineprep  # noqa: E402
import model as model_lib  # noqa: E402

VARIANTS = {
    "lstm1": dict(widths=[16, 32, 64, 64, 96, 128], hidden=96, lstm=True, layers=1),
    "conv": dict(widths=[16, 32, 64, 64, 96, 128], hidden=96, lstm=False, layers=1, tkernel=3),
    "lstm1b": dict(widths=[16, 32, 64, 64, 96, 128], hidden=96, lstm=True, layers=1),  # same, 2nd run
    # wider: does capacity limit accuracy? (~2x the convolution cost)
    "lstm1w": dict(widths=[24, 48, 96, 96, 128, 160], hidden=128, lstm=True, layers=1),
}


def load_pack(path):
    z = np.load(path)
    jpg, off = z["jpg"], z["offsets"]
    with ThreadPoolExecutor(16) as ex:
        imgs = list(ex.map(lambda i: cv2.imdecode(jpg[off[i]:off[i + 1]], cv2.IMREAD_GRAYSCALE),
                           range(len(off) - 1)))
    def split(key):
        return z[key].tobytes().decode("utf-8").split("\n")

    weights = z["weights"] if "weights" in z.files else np.ones(len(imgs), np.uint8)
    return imgs, split("texts"), split("faces"), split("charset")[0], weights


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pack", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--name", default="lstm1", help="variant (VARIANTS)")
    ap.add_argument("--tag", help="output file prefix (default: the variant name)")
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--aug", type=float, default=1.0)
    ap.add_argument("--clean-frac", type=float, default=0.15)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--holdout", type=int, default=500, help="lines kept out for a greedy check")
    ap.add_argument("--max-steps", type=int, default=0)
    ap.add_argument("--init", help="start from these weights (a NAME_weights.npz of an earlier run)")
    args = ap.parse_args()
    tag = args.tag or args.name
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    torch.backends.cuda.matmul.allow_tf32 = True
    torch.backends.cudnn.allow_tf32 = True
    os.makedirs(args.out, exist_ok=True)
    log = open(os.path.join(args.out, f"{tag}_log.txt"), "w")

    def say(msg):
        line = f"[{tag} {time.strftime('%H:%M:%S')}] {msg}"
        print(line, flush=True)
        log.write(line + "\n")
        log.flush()

    t0 = time.time()
    imgs, texts, faces, chars, weights = load_pack(args.pack)
    index = {c: i + 1 for i, c in enumerate(chars)}
    say(f"{len(imgs)} lines decoded in {time.time() - t0:.1f}s on {dev} "
        f"({torch.cuda.get_device_name(0) if dev.type == 'cuda' else 'cpu'}), torch {torch.__version__}")
    order = rng.permutation(len(imgs))
    hold, train_idx = order[:args.holdout], order[args.holdout:]

    # width buckets on the device: uint8 N x 32 x W
    def bucket_of(w):
        return min(lineprep.MAX_WIDTH, (lineprep.padded_width(w) + 31) // 32 * 32)

    groups = {}
    for i in train_idx:  # a line of weight K is sampled K times as often
        groups.setdefault(bucket_of(imgs[i].shape[1]), []).extend([i] * int(weights[i]))
    maxlen = max(len(t) for t in texts) + 1
    buckets = []
    for w, idx in sorted(groups.items()):
        x = np.full((len(idx), lineprep.HEIGHT, w), 255, np.uint8)
        lab = np.zeros((len(idx), maxlen), np.int64)
        lens = np.zeros(len(idx), np.int64)
        for k, i in enumerate(idx):
            im = imgs[i][:, :w]
            x[k, :, :im.shape[1]] = im
            enc = [index[c] for c in texts[i] if c in index]
            lab[k, :len(enc)] = enc
            lens[k] = len(enc)
        buckets.append((w, torch.from_numpy(x).to(dev), torch.from_numpy(lab).to(dev),
                        torch.from_numpy(lens).to(dev)))
    sizes = np.array([b[1].shape[0] for b in buckets], np.float64)
    # weight buckets by area so that wide lines are not under-trained
    probs = sizes / sizes.sum()

    cfg = dict(VARIANTS[args.name], num_classes=len(chars) + 1)
    net = model_lib.CRNN(cfg["num_classes"], tuple(cfg["widths"]), cfg["hidden"], cfg["lstm"],
                         cfg["layers"], cfg.get("tkernel", 5)).to(dev)
    if args.init:
        z = np.load(args.init)
        net.load_state_dict({k: torch.from_numpy(z[k]) for k in z.files})
        say(f"initialised from {args.init}")
    say(f"model {model_lib.count_params(net)} parameters, config {cfg}, {len(buckets)} buckets")
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=1e-4)
    step, seen, loss_avg = 0, 0, None
    t_start = time.time()
    while True:
        el = time.time() - t_start
        frac = el / args.seconds
        if frac >= 1 or (args.max_steps and step >= args.max_steps):
            break
        lr = args.lr * (frac / 0.03 if frac < 0.03 else 0.5 * (1 + math.cos(math.pi * (frac - 0.03) / 0.97)))
        for g in opt.param_groups:
            g["lr"] = max(lr, args.lr * 0.005)
        b = rng.choice(len(buckets), p=probs)
        w, bx, blab, blen = buckets[b]
        n = bx.shape[0]
        # wide buckets get smaller batches (same pixels per step)
        bs = max(16, min(args.batch, int(args.batch * 256 / w)))
        idx = torch.randint(0, n, (min(bs, n) if n < bs else bs,), device=dev)
        x = 1.0 - bx[idx].unsqueeze(1).float() / 255.0
        if args.aug > 0:
            xa = augment.augment(x, args.aug)
            keep = (torch.rand(x.shape[0], 1, 1, 1, device=dev) < args.clean_frac).float()
            x = keep * x + (1 - keep) * xa
        logits = net(x)
        logp = F.log_softmax(logits.float(), -1)
        tl = torch.full((x.shape[0],), logits.shape[0], dtype=torch.long, device=dev)
        loss = F.ctc_loss(logp, blab[idx], tl, blen[idx], blank=0, zero_infinity=True)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
        opt.step()
        step += 1
        seen += x.shape[0]
        if step % 50 == 0:
            lv = float(loss)
            loss_avg = lv if loss_avg is None else 0.9 * loss_avg + 0.1 * lv
        if step % 500 == 0:
            say(f"step {step} loss {loss_avg:.4f} lr {lr:.2e} {seen / (time.time() - t_start):.0f} samples/s")
    el = time.time() - t_start
    say(f"trained {step} steps, {seen} samples in {el:.0f}s ({seen / el:.0f} samples/s)")

    # greedy check on the held-back lines (train faces, unseen crops)
    net.eval()
    ok = 0
    with torch.no_grad():
        for i in hold:
            x = torch.from_numpy(lineprep.to_input(imgs[i])).to(dev)
            best = net(x).argmax(-1)[:, 0].tolist()
            s, prev = [], 0
            for k in best:
                if k != prev and k != 0:
                    s.append(chars[k - 1])
                prev = k
            ok += "".join(s) == texts[i]
    say(f"held-back greedy exact {ok / max(1, len(hold)):.4f} on {len(hold)} lines")
    np.savez(os.path.join(args.out, f"{tag}_weights.npz"),
             **{k: v.detach().cpu().numpy() for k, v in net.state_dict().items()})
    with open(os.path.join(args.out, f"{tag}_config.json"), "w") as f:
        json.dump(dict(config=cfg, chars=chars, init=args.init, steps=step, samples=seen, seconds=el,
                       device=torch.cuda.get_device_name(0) if dev.type == "cuda" else "cpu",
                       torch=torch.__version__, seed=args.seed, lines=len(train_idx),
                       holdout_greedy_exact=ok / max(1, len(hold))), f, indent=1)


if __name__ == "__main__":
    main()
