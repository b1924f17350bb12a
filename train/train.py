"""Train the CTC line recognizer. Resumable: RUN/ckpt.pt holds model, optimiser,
step and RNG state; rerunning with the same RUN continues from it.

  train.py --train DIR [DIR...] [--val DIR] --run RUN --steps N [--device cuda]
"""
import argparse
import json
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

import augment
import charset as charset_lib
import data
import lineprep
import model as model_lib

CONFIG = dict(widths=[16, 32, 64, 64, 96, 128], hidden=96, lstm=True, layers=1)


def make_model(num_classes, cfg):
    return model_lib.CRNN(num_classes, tuple(cfg["widths"]), cfg["hidden"], cfg["lstm"], cfg["layers"])


def set_training(net, freeze_bn):
    """Training mode; with freeze_bn the batch norms keep their running statistics
    (a model recovered from its ONNX export has them folded: from_onnx.py)."""
    net.train()
    if freeze_bn:
        for m in net.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.eval()


def encode(text, index):
    return [index[c] for c in text if c in index]


def batches(ls, batch, rng):
    """Yields index lists of similar widths (less padding)."""
    n = len(ls)
    widths = np.array([im.shape[1] for im in ls.images])
    while True:
        order = rng.permutation(n)
        for start in range(0, n, batch * 50):
            chunk = order[start:start + batch * 50]
            chunk = chunk[np.argsort(widths[chunk], kind="stable")]
            groups = [chunk[i:i + batch] for i in range(0, len(chunk), batch)]
            rng.shuffle(groups)
            for g in groups:
                if len(g) == batch:
                    yield g


def collate(ls, idx, index, max_width=lineprep.MAX_WIDTH):
    imgs = [ls.images[i] for i in idx]
    w = lineprep.padded_width(min(max(im.shape[1] for im in imgs), max_width))
    x = np.zeros((len(imgs), 1, lineprep.HEIGHT, w), np.float32)
    for k, im in enumerate(imgs):
        ww = min(im.shape[1], w)
        x[k, 0, :, :ww] = 1.0 - im[:, :ww].astype(np.float32) / 255.0
    targets = [encode(ls.texts[i], index) for i in idx]
    return torch.from_numpy(x), targets


def greedy(logits, chars):
    """logits T x N x K -> list of strings."""
    best = logits.argmax(-1).T.cpu().numpy()
    out = []
    for row in best:
        s, prev = [], 0
        for k in row:
            if k != prev and k != 0:
                s.append(chars[k - 1])
            prev = k
        out.append("".join(s))
    return out


def evaluate(net, ls, chars, device, batch=64, freeze_bn=False):
    """Greedy exact-line accuracy and CER per face and overall."""
    net.eval()
    index = {c: i + 1 for i, c in enumerate(chars)}
    per = {}
    order = np.argsort([im.shape[1] for im in ls.images])
    with torch.no_grad():
        for s in range(0, len(order), batch):
            idx = order[s:s + batch]
            x, _ = collate(ls, idx, index)
            preds = greedy(net(x.to(device)), chars)
            for i, p in zip(idx, preds):
                t = ls.texts[i]
                d = per.setdefault(ls.faces[i], [0, 0, 0, 0])
                d[0] += 1
                d[1] += int(p == t)
                d[2] += edit_distance(p, t)
                d[3] += max(1, len(t))
    set_training(net, freeze_bn)
    res = {f: dict(lines=v[0], exact=v[1] / v[0], cer=v[2] / v[3]) for f, v in sorted(per.items())}
    tot = [sum(v[k] for v in per.values()) for k in range(4)]
    res["_all"] = dict(lines=tot[0], exact=tot[1] / max(1, tot[0]), cer=tot[2] / max(1, tot[3]))
    return res


def edit_distance(a, b, infix=False):
    """Edit distance from a to b; with infix, from a to the closest substring of b
    (free text before and after it)."""
    prev = [0] * (len(b) + 1) if infix else list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return min(prev) if infix else prev[-1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", nargs="+", required=True)
    ap.add_argument("--val")
    ap.add_argument("--run", required=True)
    ap.add_argument("--charset", help="charset file; built from the training texts if absent")
    ap.add_argument("--steps", type=int, default=6000)
    ap.add_argument("--batch", type=int, default=48)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--aug", type=float, default=1.0)
    ap.add_argument("--clean-frac", type=float, default=0.2, help="share of samples left unaugmented")
    ap.add_argument("--eval-every", type=int, default=1000)
    ap.add_argument("--max-minutes", type=float, default=0, help="stop early (checkpoint kept)")
    ap.add_argument("--init", help="start a new run from these weights (gpu_train NAME_weights.npz, "
                    "or another run's ckpt.pt)")
    ap.add_argument("--freeze-bn", action="store_true", help="keep batch norm statistics (fine-tunes)")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    os.makedirs(args.run, exist_ok=True)
    log = open(os.path.join(args.run, "train.log"), "a")

    def say(msg):
        line = time.strftime("%H:%M:%S ") + msg
        print(line, flush=True)
        log.write(line + "\n")
        log.flush()

    t0 = time.time()
    train = None
    for d in args.train:
        s = data.LineSet.load_npz(d) if d.endswith(".npz") else data.load_dir(d)
        if train is None:
            train = s
        else:
            train.extend(s)
    val = None
    if args.val:
        val = data.LineSet.load_npz(args.val) if args.val.endswith(".npz") else data.load_dir(args.val)
    say(f"loaded {len(train)} training lines" + (f", {len(val)} validation" if val else "")
        + f" in {time.time() - t0:.0f}s")

    cs_path = args.charset or os.path.join(args.run, "charset.txt")
    if os.path.exists(cs_path):
        chars = charset_lib.load(cs_path)
    else:
        chars = charset_lib.build(train.texts)
        charset_lib.save(cs_path, chars)
    missing = sorted({c for t in train.texts for c in t} - set(chars))
    if missing:
        say(f"warning: characters not in charset dropped from targets: {missing!r}")
    index = {c: i + 1 for i, c in enumerate(chars)}

    device = torch.device(args.device)
    cfg = dict(CONFIG, num_classes=len(chars) + 1)
    net = make_model(cfg["num_classes"], cfg).to(device)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=args.steps,
                                                pct_start=0.05, div_factor=10, final_div_factor=100)
    step = 0
    ck_path = os.path.join(args.run, "ckpt.pt")
    rng = np.random.default_rng(args.seed)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    if args.init and not os.path.exists(ck_path):
        if args.init.endswith(".pt"):  # another run's checkpoint: its weights only
            net.load_state_dict(torch.load(args.init, map_location="cpu")["model"])
        else:
            z = np.load(args.init)
            net.load_state_dict({k: torch.from_numpy(z[k]) for k in z.files})
        say(f"initialised from {args.init}")
    if os.path.exists(ck_path):
        ck = torch.load(ck_path, map_location="cpu")
        net.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        sched.load_state_dict(ck["sched"])
        step = ck["step"]
        rng = np.random.default_rng(args.seed + step)
        torch.manual_seed(args.seed + step)
        say(f"resumed at step {step}")
    say(f"model {model_lib.count_params(net)} parameters, charset {len(chars)}, config {CONFIG}")

    def save():
        torch.save(dict(model=net.state_dict(), opt=opt.state_dict(), sched=sched.state_dict(),
                        step=step, config=cfg, chars=chars, seed=args.seed), ck_path + ".tmp")
        os.replace(ck_path + ".tmp", ck_path)

    ctc = torch.nn.CTCLoss(blank=0, zero_infinity=True)
    it = batches(train, args.batch, rng)
    set_training(net, args.freeze_bn)
    t_start, seen, loss_avg = time.time(), 0, None
    while step < args.steps:
        idx = next(it)
        x, targets = collate(train, idx, index)
        x = x.to(device, non_blocking=True)
        if args.aug > 0:
            xa = augment.augment(x, args.aug)
            keep = (torch.rand(x.shape[0], 1, 1, 1, device=device) < args.clean_frac).float()
            x = keep * x + (1 - keep) * xa
        logits = net(x)
        logp = F.log_softmax(logits, -1)
        t_len = torch.full((x.shape[0],), logits.shape[0], dtype=torch.long)
        tg_len = torch.tensor([len(t) for t in targets], dtype=torch.long)
        flat = torch.tensor([c for t in targets for c in t], dtype=torch.long)
        loss = ctc(logp.float().cpu() if device.type == "cpu" else logp, flat, t_len, tg_len)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
        opt.step()
        sched.step()
        step += 1
        seen += x.shape[0]
        lv = float(loss)
        loss_avg = lv if loss_avg is None else 0.98 * loss_avg + 0.02 * lv
        if step % 100 == 0:
            el = time.time() - t_start
            say(f"step {step} loss {loss_avg:.4f} lr {sched.get_last_lr()[0]:.2e} "
                f"{seen / el:.0f} samples/s")
        if step % args.eval_every == 0 or step == args.steps:
            save()
            if val is not None:
                r = evaluate(net, val, chars, device, freeze_bn=args.freeze_bn)
                say(f"step {step} val greedy exact {r['_all']['exact']:.4f} cer {r['_all']['cer']:.4f}")
        if args.max_minutes and (time.time() - t_start) > args.max_minutes * 60:
            save()
            say(f"stopping at step {step}: time budget reached")
            break
    save()
    el = time.time() - t_start
    say(f"done: {step} steps, {seen} samples in {el:.0f}s ({seen / max(el, 1e-9):.0f} samples/s)")
    json.dump(dict(steps=step, samples=seen, seconds=el), open(os.path.join(args.run, "train_stats.json"), "w"))


if __name__ == "__main__":
    sys.exit(main())
