#!/usr/bin/env python3
"""VaeLab against PyTorch on the CPU, same workloads, one thread, batch 100, data sampling inside the step.

The PyTorch side is written the idiomatic way: nn.Module models, autograd, torch.optim.Adam. The models mirror
VaeLab's bench workloads (BenchmarkWorkloads.cs):
  linear   n = 12 (D 3 + p 9), m = 20, affine encoder mean, global encoder log-variance, affine decoder
  sigmoid  n = 22 (d 5 + 1 + p 16), m = 16, affine encoder, sigmoid-affine decoder sigmoid(W1 s + b1) + W2 s + b2
  sphere   n = 21 (d 5 + p 16), m = 16, ReLU MLPs 200,200,200 for encoder and decoder
  stage2   m = 16: codes z ~ q(z|x) of a sigmoid stage-1 encoder (n = 22), then the stage-2 VAE: MLPs 128,128,
           amortized encoder log-variance, learnable scaled decoder log-variance, Adam lr 1e-3
Every step draws its data batch and the reparameterisation and decoder noise, evaluates the negative ELBO (noise in
the loss, as VaeLab does) and takes one Adam step.

Usage: compare.py [--vaelab-json FILE | --vaelab CMD] [--seconds S] [--repetitions R]
It runs `vaelab bench --workload steps --json ...` for VaeLab's side unless given a JSON file, and prints both sides
and the ratio. The run.sh beside it installs Debian's python3-torch and python3-numpy when they are missing.
"""
import argparse
import json
import math
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.set_num_interop_threads(1)
BATCH = 100
LOG2PI = math.log(2 * math.pi)


def mlp(sizes, activate_output=False):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2 or activate_output:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


class Encoder(nn.Module):
    def __init__(self, n, hidden, m, amortized):
        super().__init__()
        self.trunk = mlp([n] + hidden, activate_output=True) if hidden else nn.Identity()
        width = hidden[-1] if hidden else n
        self.mean = nn.Linear(width, m)
        self.amortized = amortized
        if amortized:
            self.log_var = nn.Linear(width, m)
        else:
            self.log_var = nn.Parameter(torch.ones(m))

    def forward(self, x):
        h = self.trunk(x)
        mu = self.mean(h)
        l = self.log_var(h) if self.amortized else self.log_var.expand_as(mu)
        return mu, l


class SigmoidAffine(nn.Module):
    def __init__(self, m, n):
        super().__init__()
        self.gate = nn.Linear(m, n)
        self.affine = nn.Linear(m, n)

    def forward(self, s):
        return torch.sigmoid(self.gate(s)) + self.affine(s)


class Vae(nn.Module):
    def __init__(self, n, m, enc_hidden, decoder, amortized, init_log_var):
        super().__init__()
        self.encoder = Encoder(n, enc_hidden, m, amortized)
        self.decoder = decoder
        self.init_log_var = init_log_var
        self.scale = nn.Parameter(torch.ones(1))  # scaled decoder variance: eta = init * scale

    def loss(self, x, xi1, xi2):
        n = x.shape[1]
        mu, l = self.encoder(x)
        std = torch.exp(0.5 * l)
        s = mu + std * xi1
        f = self.decoder(s)
        eta = self.init_log_var * self.scale
        sigma = torch.exp(0.5 * eta)
        kl = 0.5 * (std.pow(2) - l - 1 + mu.pow(2)).sum(1).mean()
        nll = ((f + sigma * xi2 - x).pow(2).sum(1) / (2 * torch.exp(eta))).mean() + 0.5 * n * (LOG2PI + eta)
        return (kl + nll).squeeze()


class Workload:
    def __init__(self, model, sample, lr):
        self.model = model
        self.sample = sample
        self.opt = torch.optim.Adam(model.parameters(), lr=lr)

    def step(self):
        with torch.no_grad():
            x = self.sample()
        xi1 = torch.randn(BATCH, self.model.encoder.mean.out_features)
        xi2 = torch.randn_like(x)
        self.opt.zero_grad(set_to_none=True)
        loss = self.model.loss(x, xi1, xi2)
        loss.backward()
        self.opt.step()


def linear_data():
    a = torch.randn(3, 3)

    def sample():
        z = torch.randn(BATCH, 3)
        return torch.cat([z @ a, torch.zeros(BATCH, 9)], 1)
    return sample


def sigmoid_data(d, p):
    w = torch.randn(d)

    def sample():
        z = torch.randn(BATCH, d)
        return torch.cat([z, torch.sigmoid(z @ w).unsqueeze(1), torch.zeros(BATCH, p)], 1)
    return sample


def sphere_data(d, p):
    def sample():
        z = torch.randn(BATCH, d)
        return torch.cat([z / z.norm(dim=1, keepdim=True), torch.zeros(BATCH, p)], 1)
    return sample


def make(name):
    if name == "linear":
        return Workload(Vae(12, 20, [], nn.Linear(20, 12), False, -1.0), linear_data(), 1e-3)
    if name == "sigmoid":
        return Workload(Vae(22, 16, [], SigmoidAffine(16, 22), False, -3.0), sigmoid_data(5, 16), 1e-4)
    if name == "sphere":
        return Workload(Vae(21, 16, [200, 200, 200], mlp([16, 200, 200, 200, 21]), False, -3.0), sphere_data(5, 16), 1e-4)
    if name == "stage2":
        stage1 = Encoder(22, [], 16, False)
        data = sigmoid_data(5, 16)

        def codes():
            mu, l = stage1(data())
            return mu + torch.exp(0.5 * l) * torch.randn_like(mu)
        return Workload(Vae(16, 16, [128, 128], mlp([16, 128, 128, 16]), True, -1.0), codes, 1e-3)
    raise ValueError(name)


def time_workload(name, seconds, repetitions):
    w = make(name)
    start = time.perf_counter()
    warm = 0
    while time.perf_counter() - start < 0.5 or warm < 50:
        w.step()
        warm += 1
    per = (time.perf_counter() - start) / warm
    steps = max(10, int(seconds / per))
    reps = []
    for _ in range(repetitions):
        t0 = time.perf_counter()
        for _ in range(steps):
            w.step()
        reps.append((time.perf_counter() - t0) / steps * 1e6)
    return statistics.median(reps)


# PyTorch workload -> VaeLab bench workload.
PAIRS = {"linear": "linear", "sigmoid": "sigmoid", "sphere": "sphere", "stage2": "stage2-m16"}


def vaelab_results(args):
    if args.vaelab_json:
        with open(args.vaelab_json) as f:
            return json.load(f)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bench.json")
        subprocess.run(shlex.split(args.vaelab) + ["bench", "--workload", "steps", "--repetitions", str(args.repetitions), "--json", path],
                       check=True, stdout=subprocess.DEVNULL)
        with open(path) as f:
            return json.load(f)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vaelab", default=os.path.join(here, "..", "..", "vaelab"), help="command that runs the VaeLab CLI")
    parser.add_argument("--vaelab-json", help="use this `vaelab bench --json` file instead of running bench")
    parser.add_argument("--seconds", type=float, default=1.0, help="seconds per timed repetition (default 1)")
    parser.add_argument("--repetitions", type=int, default=5, help="repetitions; the median is reported (default 5)")
    parser.add_argument("--workloads", default=",".join(PAIRS), help="comma-separated subset of " + ",".join(PAIRS))
    args = parser.parse_args()
    names = [w for w in args.workloads.split(",") if w]
    for w in names:
        if w not in PAIRS:
            print(f"error: --workloads has '{w}'; use any of {','.join(PAIRS)}.", file=sys.stderr)
            return 2
    torch.manual_seed(1)
    torch_us = {w: time_workload(w, args.seconds, args.repetitions) for w in names}
    vaelab = {r["name"]: r for r in vaelab_results(args)["workloads"]}
    print(f"PyTorch {torch.__version__}, 1 thread, batch 100, nn.Module + autograd + torch.optim.Adam, data sampling in the step")
    print(f"{'workload':<10} {'PyTorch µs':>11} {'VaeLab µs':>10} {'VaeLab speed-up':>16}")
    for w in names:
        v = vaelab.get(PAIRS[w])
        if v is None:
            print(f"{w:<10} {torch_us[w]:>11.1f} {'-':>10} {'-':>16}")
            continue
        print(f"{w:<10} {torch_us[w]:>11.1f} {v['usPerStep']:>10.1f} {torch_us[w] / v['usPerStep']:>15.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
