"""Weight-space interpolation of a fine-tuned model with the model it started from
(WiSE-FT): (1 - alpha) * start + alpha * fine-tuned, for every float weight. A
fine-tune on the train faces fits them better and can read unseen faces worse;
the midpoint keeps most of the gain and the start's generality (session 8:
stage 5 = alpha 0.5; models/MODEL.md).

  interpolate.py START_weights.npz FINETUNED_ckpt.pt ALPHA OUT_PREFIX
      -> OUT_PREFIX_weights.npz and OUT_PREFIX_config.json (export.py reads them)
"""
import json
import sys

import numpy as np
import torch


def main():
    start_path, tuned_path, alpha, out = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
    start = np.load(start_path)
    tuned = torch.load(tuned_path, map_location="cpu")["model"]
    mixed = {}
    for k in start.files:
        a, b = start[k], tuned[k].numpy()
        if a.shape != b.shape:
            sys.exit(f"{k}: shapes differ ({a.shape} vs {b.shape}): not the same architecture")
        mixed[k] = ((1 - alpha) * a.astype(np.float64) + alpha * b.astype(np.float64)).astype(a.dtype) \
            if a.dtype.kind == "f" else a
    np.savez(out + "_weights.npz", **mixed)
    json.dump(json.load(open(start_path.replace("_weights.npz", "_config.json"))),
              open(out + "_config.json", "w"))
    print(f"{out}_weights.npz: {1 - alpha:g} x {start_path} + {alpha:g} x {tuned_path}")


if __name__ == "__main__":
    main()
