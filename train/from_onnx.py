"""Recover trainable weights from an exported recognizer (models/recognizer.onnx),
so that a fine-tune can start from the installed model when its training
checkpoint is gone (the device returns few files; the machine here is wiped
between sessions).

  from_onnx.py MODEL.onnx CHARSET OUT_PREFIX   -> OUT_PREFIX_weights.npz, _config.json

The export folded each batch norm into its convolution (weight scaled, bias
added). The folded convolution is put back as conv (no bias) + a batch norm whose
running statistics are the identity (mean 0, var 1 - eps) and whose beta holds the
folded bias: the same function, bit for bit up to rounding. Fine-tune such a model
with its batch norms frozen (train.py --freeze-bn): batch statistics would undo the
folding. ONNX orders the LSTM gates i, o, f, c; torch orders them i, f, c, o.
"""
import json
import sys

import numpy as np
import onnx
import torch
from onnx import numpy_helper

import charset as charset_lib
import export
import train as train_lib


def onnx_weights(path):
    m = onnx.load(path)
    inits = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    convs, lstm, matmul, add = [], None, None, None
    for node in m.graph.node:
        if node.op_type == "Conv":
            convs.append((inits[node.input[1]], inits[node.input[2]]))
        elif node.op_type == "LSTM":
            lstm = [inits[n] for n in node.input[1:4]]
        elif node.op_type == "MatMul":
            matmul = inits[node.input[1]]
        elif node.op_type == "Add":  # the output layer's bias, on either side
            add = next(inits[n] for n in node.input if n in inits)
    return convs, lstm, matmul, add


def iofc_to_ifco(w, hidden):
    i, o, f, c = (w[k * hidden:(k + 1) * hidden] for k in range(4))
    return np.concatenate([i, f, c, o])


def main():
    onnx_path, cs_path, out = sys.argv[1:4]
    chars = charset_lib.load(cs_path)
    cfg = dict(train_lib.CONFIG, num_classes=len(chars) + 1)
    net = train_lib.make_model(cfg["num_classes"], cfg)
    convs, (W, R, B), fc_w, fc_b = onnx_weights(onnx_path)
    hidden = cfg["hidden"]
    state = net.state_dict()
    conv_names = [k[:-len(".weight")] for k, v in state.items() if k.startswith("cnn.") and v.dim() == 4]
    assert len(conv_names) == len(convs), (conv_names, len(convs))
    for name, (w, b) in zip(conv_names, convs):
        bn = name.rsplit(".", 1)[0] + "." + str(int(name.rsplit(".", 1)[1]) + 1)
        eps = dict(net.named_modules())[bn].eps
        state[name + ".weight"] = torch.from_numpy(w.copy())
        state[bn + ".weight"] = torch.ones(len(b))
        state[bn + ".bias"] = torch.from_numpy(b.copy())
        state[bn + ".running_mean"] = torch.zeros(len(b))
        state[bn + ".running_var"] = torch.full((len(b),), 1.0 - eps)
    for d, suffix in enumerate(["", "_reverse"]):
        state["rnn.weight_ih_l0" + suffix] = torch.from_numpy(iofc_to_ifco(W[d], hidden))
        state["rnn.weight_hh_l0" + suffix] = torch.from_numpy(iofc_to_ifco(R[d], hidden))
        state["rnn.bias_ih_l0" + suffix] = torch.from_numpy(iofc_to_ifco(B[d][:4 * hidden], hidden))
        state["rnn.bias_hh_l0" + suffix] = torch.from_numpy(iofc_to_ifco(B[d][4 * hidden:], hidden))
    state["fc.weight"] = torch.from_numpy(fc_w.T.copy())
    state["fc.bias"] = torch.from_numpy(fc_b.copy())
    net.load_state_dict(state)
    np.savez(out + "_weights.npz", **{k: v.numpy() for k, v in net.state_dict().items()})
    json.dump(dict(config=cfg, chars=chars, source=onnx_path), open(out + "_config.json", "w"))

    # the check: the recovered torch model computes what OpenCV computes from the file
    worst = export.check_opencv(net, onnx_path)
    print(f"recovered {out}_weights.npz; torch vs OpenCV max abs diff {worst:.2e}")
    if worst > 1e-3:
        sys.exit("recovered weights do not reproduce the model")


if __name__ == "__main__":
    main()
