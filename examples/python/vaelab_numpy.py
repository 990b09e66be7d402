#!/usr/bin/env python3
"""Load a VaeLab run folder with numpy alone, rebuild the decoder and draw samples.

    python3 examples/python/vaelab_numpy.py RUN_DIR --count 1000 --out samples.npy [--two-stage] [--with-noise]
    python3 examples/python/vaelab_numpy.py RUN_DIR --decode latents.npy --out x.npy [--two-stage]

As a module:

    import vaelab_numpy as vn
    run = vn.load_run("runs/sig")              # config.json + model.safetensors (+ stage2.safetensors)
    x = vn.decode(run, s)                      # s: (count, m) -> x: (count, n), the decoder mean f(s)
    x = vn.sample(run, 1000, np.random.default_rng(0))

Nothing but numpy and the standard library: the safetensors header is 8 bytes of little-endian length,
then JSON naming each tensor's dtype, shape and byte range. Weights are stored [in, out] (y = x W + b).
"""
import argparse
import json
import math
import os
import struct
import sys

import numpy as np

_DTYPES = {"F32": np.float32, "F64": np.float64, "F16": np.float16, "I64": np.int64, "I32": np.int32}


def load_safetensors(path):
    """Returns (tensors: dict name -> numpy array, metadata: dict of strings)."""
    with open(path, "rb") as f:
        blob = f.read()
    (length,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + length])
    data = memoryview(blob)[8 + length:]
    metadata = header.pop("__metadata__", {})
    tensors = {}
    for name, entry in header.items():
        start, end = entry["data_offsets"]
        array = np.frombuffer(data[start:end], dtype=np.dtype(_DTYPES[entry["dtype"]]).newbyteorder("<"))
        tensors[name] = array.reshape(entry["shape"])
    return tensors, metadata


def _stage(tensors, metadata, decoder_kind):
    return {"tensors": tensors, "decoder": decoder_kind, "log_variance": float(metadata["decoderLogVariance"])}


def load_run(run_dir):
    """A run folder as a dict: config (the resolved settings), stage1, and stage2 (None unless two-stage)."""
    with open(os.path.join(run_dir, "config.json"), encoding="utf-8") as f:
        config = json.load(f)["config"]
    tensors, metadata = load_safetensors(os.path.join(run_dir, "model.safetensors"))
    run = {"config": config, "stage1": _stage(tensors, metadata, config["decoder"]), "stage2": None}
    stage2_path = os.path.join(run_dir, "stage2.safetensors")
    if os.path.exists(stage2_path):
        t2, m2 = load_safetensors(stage2_path)
        run["stage2"] = _stage(t2, m2, "mlp")  # the stage-2 VAE always has an MLP decoder
    return run


def _decode_stage(stage, s):
    t = stage["tensors"]
    s = np.asarray(s, dtype=np.float32)
    if stage["decoder"] == "sigmoid-affine":
        # f(s) = sigmoid(s W1 + b1) + s W2 + b2
        gate = s @ t["decoder.sigmoid.weight"] + t["decoder.sigmoid.bias"]
        return 1.0 / (1.0 + np.exp(-gate)) + (s @ t["decoder.affine.weight"] + t["decoder.affine.bias"])
    # MLP: decoder.0, decoder.1, ... with ReLU between layers, none after the last
    layers = sorted({int(k.split(".")[1]) for k in t if k.startswith("decoder.") and k.split(".")[1].isdigit()})
    y = s
    for i in layers:
        y = y @ t[f"decoder.{i}.weight"] + t[f"decoder.{i}.bias"]
        if i != layers[-1]:
            y = np.maximum(y, 0)
    return y


def decode(run, latents, two_stage=False):
    """The decoder mean: x = f(s), or x = f1(f2(u)) through the stage-2 decoder when two_stage."""
    if two_stage:
        if run["stage2"] is None:
            raise ValueError("this run has no stage2.safetensors; train it with 'vaelab train --two-stage'")
        latents = _decode_stage(run["stage2"], latents)
    return _decode_stage(run["stage1"], latents)


def sample(run, count, rng, two_stage=False, with_noise=False):
    """count samples: s ~ N(0, I_m), x = f(s) (+ sigma xi with sigma^2 = exp(decoder log-variance)).
    Two-stage: u ~ N(0, I_m), z = f2(u) (+ the stage-2 decoder noise when the run's stage2SampleNoise is set, as Dai & Wipf
    sample and VaeLab does by default), x = f1(z)."""
    m = run["config"]["latent"]
    latents = rng.standard_normal((count, m), dtype=np.float32)
    if two_stage and run["config"].get("stage2SampleNoise", False):
        if run["stage2"] is None:
            raise ValueError("this run has no stage2.safetensors; train it with 'vaelab train --two-stage'")
        z = _decode_stage(run["stage2"], latents)
        z = z + math.exp(0.5 * run["stage2"]["log_variance"]) * rng.standard_normal(z.shape, dtype=np.float32)
        x = _decode_stage(run["stage1"], z)
    else:
        x = decode(run, latents, two_stage)
    if with_noise:
        x = x + math.exp(0.5 * run["stage1"]["log_variance"]) * rng.standard_normal(x.shape, dtype=np.float32)
    return x


def main(argv):
    p = argparse.ArgumentParser(description="Draw samples from a VaeLab run folder with numpy alone.")
    p.add_argument("run_dir")
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--decode", help="decode these latents (.npy, count x m) instead of drawing new ones")
    p.add_argument("--out", required=True, help="output .npy")
    p.add_argument("--two-stage", action="store_true")
    p.add_argument("--with-noise", action="store_true")
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args(argv)
    run = load_run(a.run_dir)
    if a.decode:
        x = decode(run, np.load(a.decode), a.two_stage)
    else:
        x = sample(run, a.count, np.random.default_rng(a.seed), a.two_stage, a.with_noise)
    np.save(a.out, x.astype(np.float32))
    print(f"wrote {x.shape[0]} x {x.shape[1]} samples to {a.out}")


if __name__ == "__main__":
    main(sys.argv[1:])
