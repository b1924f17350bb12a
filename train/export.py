"""Export a trained CRNN checkpoint to ONNX for OpenCV 4.6 DNN and check that
OpenCV's output matches PyTorch's (max abs diff) at several widths.

Usage: export.py CKPT|WEIGHTS.npz OUT.onnx
OpenCV 4.6 needs: opset 11, fixed input shape (the net still runs at any width),
weight Identity nodes inlined, LSTM initial states dropped (zeros).
"""
import json
import sys

import cv2
import numpy as np
import onnx
import torch
from onnx import numpy_helper

import model as model_lib
from lineprep import HEIGHT


def inline_identities(m):
    g = m.graph
    inits = {i.name: i for i in g.initializer}
    rename = {}
    keep = []
    for node in g.node:
        if node.op_type == "Identity" and node.input[0] in inits:
            rename[node.output[0]] = node.input[0]
        else:
            keep.append(node)
    for node in keep:
        for i, name in enumerate(node.input):
            while name in rename:
                name = rename[name]
            node.input[i] = name
    for o in g.output:
        if o.name in rename:
            raise RuntimeError("graph output is an identity of a weight")
    del g.node[:]
    g.node.extend(keep)


def drop_lstm_initial_states(m):
    g = m.graph
    for node in g.node:
        if node.op_type == "LSTM":
            # inputs: X, W, R, B, sequence_lens, initial_h, initial_c, P
            ins = list(node.input)
            for k in (5, 6):
                if len(ins) > k:
                    ins[k] = ""
            if len(ins) > 4:
                ins[4] = ""
            while ins and ins[-1] == "":
                ins.pop()
            del node.input[:]
            node.input.extend(ins)
    # remove now-unused nodes (e.g. the zeros that fed the states), repeatedly
    while True:
        used = {i for n in g.node for i in n.input} | {o.name for o in g.output}
        keep = [n for n in g.node if any(o in used for o in n.output)]
        if len(keep) == len(g.node):
            break
        del g.node[:]
        g.node.extend(keep)
    used = {i for n in g.node for i in n.input}
    inits = [i for i in g.initializer if i.name in used]
    del g.initializer[:]
    g.initializer.extend(inits)


def export(net, out_path, width=320):
    net = net.eval()
    x = torch.zeros(1, 1, HEIGHT, width)
    torch.onnx.export(net, x, out_path, opset_version=11, input_names=["input"],
                      output_names=["logits"], do_constant_folding=True)
    m = onnx.load(out_path)
    inline_identities(m)
    drop_lstm_initial_states(m)
    onnx.checker.check_model(m)
    onnx.save(m, out_path)


def check_opencv(net, onnx_path, widths=(64, 200, 320, 600), seed=0):
    """Returns the max abs diff between OpenCV DNN and torch over some widths."""
    cvnet = cv2.dnn.readNetFromONNX(onnx_path)
    rng = np.random.default_rng(seed)
    worst = 0.0
    for w in widths:
        x = rng.random((1, 1, HEIGHT, w), dtype=np.float32)
        with torch.no_grad():
            ref = net.eval()(torch.from_numpy(x)).numpy()
        cvnet.setInput(x)
        out = cvnet.forward()
        out = out.reshape(ref.shape)
        worst = max(worst, float(np.abs(out - ref).max()))
    return worst


def build(cfg):
    return model_lib.CRNN(cfg["num_classes"], tuple(cfg["widths"]), cfg["hidden"], cfg.get("lstm", True),
                          cfg.get("layers", 2), cfg.get("tkernel", 5))


def load_checkpoint(path):
    """A train.py checkpoint (.pt), or gpu_train.py weights (NAME_weights.npz with
    NAME_config.json beside it). Returns (model, config, charset)."""
    if path.endswith(".npz"):
        meta = json.load(open(path.replace("_weights.npz", "_config.json")))
        cfg = meta["config"]
        net = build(cfg)
        z = np.load(path)
        net.load_state_dict({k: torch.from_numpy(z[k]) for k in z.files})
        return net.eval(), cfg, meta["chars"]
    ck = torch.load(path, map_location="cpu")
    net = build(ck["config"])
    net.load_state_dict(ck["model"])
    return net.eval(), ck["config"], ck["chars"]


def main():
    ckpt, out = sys.argv[1], sys.argv[2]
    net, _, _ = load_checkpoint(ckpt)
    export(net, out)
    diff = check_opencv(net, out)
    print(f"exported {out}; OpenCV DNN vs torch max abs diff {diff:.2e}")
    if diff > 1e-3:
        sys.exit("OpenCV DNN output does not match torch")


if __name__ == "__main__":
    main()
