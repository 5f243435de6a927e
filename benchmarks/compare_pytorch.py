#!/usr/bin/env python3
"""Times nndash's bench workloads in PyTorch and in nndash, side by side, one thread each (or N).

Runs the same workloads as `nndash bench` (same definitions, a warm-up run, then the same number
of timed runs; median CPU seconds of the running thread, as nndash measures them) in PyTorch with
torch.set_num_threads(1) and, right after each, in nndash (`nndash bench --json --workload NAME`,
built in release mode first). Prints a Markdown table with both medians, the ratio
PyTorch / nndash (above 1: nndash is faster) and each side's result figure (a final loss), which
must agree: both do the same arithmetic from the same random streams.

With --threads N both sides use N threads (torch.set_num_threads(N), `nndash bench --threads N`
for OpenBLAS's products) and both are timed by the wall clock, since a thread's CPU time would
leave out the other threads' work.

Usage: python3 benchmarks/compare_pytorch.py [--repetitions 7] [--threads 1] [--no-build] [--nndash PATH]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

ROOT = Path(__file__).resolve().parent.parent

T_C = [0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]
T_U = [35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]


class SweepQuadratic:
    """10 learning rates in linspace(0.01, 0.2), 100 steps of y = (2x)^2 from x = 2."""

    name = "sweep-quadratic"

    def reset(self):
        pass

    def run(self):
        finals = []
        for lr in np.linspace(0.01, 0.2, 10).tolist():
            x = torch.tensor(2.0, requires_grad=True)
            losses = [0.0] * 100
            for i in range(100):
                y = (2 * x) ** 2
                y.backward()
                losses[i] = y.item()
                with torch.no_grad():
                    x -= lr * x.grad
                x.grad = None
            finals.append(losses[-1])
        return sum(finals)


class Regression5000:
    """w * (0.1 * t_u) + b fit to t_c by MSE, SGD lr 1e-2, 5000 epochs from w = 1, b = 0."""

    name = "regression-5000"

    def __init__(self):
        self.input = torch.tensor(T_U) * 0.1
        self.target = torch.tensor(T_C)

    def reset(self):
        self.w = torch.tensor(1.0, requires_grad=True)
        self.b = torch.tensor(0.0, requires_grad=True)
        self.optimizer = torch.optim.SGD([self.w, self.b], lr=1e-2)

    def run(self):
        w, b, optimizer = self.w, self.b, self.optimizer
        for _ in range(5000):
            loss = F.mse_loss(w * self.input + b, self.target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        return loss.item()


class MLPTrain200:
    """784-256-10 ReLU perceptron, cross entropy, SGD lr 0.01 momentum 0.9, 200 steps of batch 64.

    Data: 10 batches drawn once from seed 0 (randn inputs, then randint labels), used in turn;
    the model is initialized from seed 1 before every run.
    """

    name = "mlp-train-200"

    def __init__(self):
        g = torch.Generator().manual_seed(0)
        x = torch.randn(640, 784, generator=g)
        y = torch.randint(0, 10, (640,), generator=g)
        self.inputs = [x[i * 64:(i + 1) * 64].clone() for i in range(10)]
        self.labels = [y[i * 64:(i + 1) * 64].clone() for i in range(10)]

    def reset(self):
        torch.manual_seed(1)
        self.model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=0.01, momentum=0.9)

    def run(self):
        model, optimizer = self.model, self.optimizer
        for step in range(200):
            batch = step % 10
            loss = F.cross_entropy(model(self.inputs[batch]), self.labels[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        return loss.item()


class DeepForward100:
    """100 x (Linear(256, 256, bias=False), tanh), Xavier-uniform with tanh's gain, batch 16, no grad."""

    name = "deep-forward-100"

    def __init__(self):
        torch.manual_seed(0)
        gain = nn.init.calculate_gain("tanh")
        layers = []
        for _ in range(100):
            linear = nn.Linear(256, 256, bias=False)
            nn.init.xavier_uniform_(linear.weight, gain=gain)
            layers += [linear, nn.Tanh()]
        self.model = nn.Sequential(*layers)
        self.input = torch.randn(16, 256)

    def reset(self):
        pass

    def run(self):
        with torch.no_grad():
            return self.model(self.input).std().item()


class LeNetEpoch:
    """nndash train's LeNet for 28x28 grey images and 10 classes, one pass over 1024 images in
    batches of 64: cross entropy, SGD lr 0.01 momentum 0.9.

    Data: torch.rand images, then randint labels, drawn once from seed 0; the model is
    initialized from seed 1 before every run.
    """

    name = "lenet-epoch"

    def __init__(self):
        g = torch.Generator().manual_seed(0)
        x = torch.rand(1024, 1, 28, 28, generator=g)
        y = torch.randint(0, 10, (1024,), generator=g)
        self.inputs = [x[i * 64:(i + 1) * 64].clone() for i in range(16)]
        self.labels = [y[i * 64:(i + 1) * 64].clone() for i in range(16)]

    def reset(self):
        torch.manual_seed(1)
        self.model = nn.Sequential(
            nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
            nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=0.01, momentum=0.9)

    def run(self):
        model, optimizer = self.model, self.optimizer
        for inputs, labels in zip(self.inputs, self.labels):
            loss = F.cross_entropy(model(inputs), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        return loss.item()


WORKLOADS = [SweepQuadratic, Regression5000, MLPTrain200, DeepForward100, LeNetEpoch]


def measure(workload, repetitions, clock=time.thread_time):
    """One warm-up run, then `repetitions` timed runs (each after an untimed reset) by `clock`."""
    workload.reset()
    result = workload.run()
    seconds = []
    for _ in range(repetitions):
        workload.reset()
        start = clock()
        result = workload.run()
        seconds.append(clock() - start)
    return {"median_s": statistics.median(seconds), "runs": repetitions, "result": result}


def run_nndash(binary, repetitions, workload=None, threads=1):
    """`nndash bench --json` for one workload (all without one): its document."""
    command = [str(binary), "bench", "--json", "--repetitions", str(repetitions), "--threads", str(threads)]
    if workload:
        command += ["--workload", workload]
    out = subprocess.run(command, check=True, capture_output=True, text=True)
    if out.stderr.strip():
        print(out.stderr.strip(), file=sys.stderr)
    return json.loads(out.stdout)


def build_nndash():
    subprocess.run(["swift", "build", "-c", "release", "--product", "nndash"], cwd=ROOT, check=True)
    bin_dir = subprocess.run(
        ["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
        capture_output=True, text=True).stdout.strip()
    return Path(bin_dir) / "nndash"


def seconds(value):
    if value >= 1:
        return f"{value:.3f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.3f} ms"
    return f"{value * 1e6:.1f} µs"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repetitions", type=int, default=7)
    parser.add_argument("--threads", type=int, default=1,
                        help="threads of both engines (above 1 both are timed by the wall clock)")
    parser.add_argument("--no-build", action="store_true", help="use the release binary as it is")
    parser.add_argument("--nndash", type=Path, help="the nndash binary (default: the release build)")
    args = parser.parse_args()
    if args.repetitions < 1:
        parser.error(f"--repetitions must be at least 1, got {args.repetitions}")
    if args.threads < 1:
        parser.error(f"--threads must be at least 1, got {args.threads}")

    torch.set_num_threads(args.threads)
    os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)
    clock = time.thread_time if args.threads == 1 else time.perf_counter
    binary = args.nndash or (build_nndash() if not args.no_build else
                             ROOT / ".build" / "release" / "nndash")
    # Each workload runs in PyTorch and then in nndash, one after the other, so that both
    # meet the same conditions on a shared machine.
    torch_results, nndash_results, blas = {}, {}, "unknown"
    for cls in WORKLOADS:
        torch_results[cls.name] = measure(cls(), args.repetitions, clock)
        document = run_nndash(binary, args.repetitions, cls.name, args.threads)
        nndash_results.update(document["workloads"])
        blas = document.get("blas_core", blas)
    nndash_results.update(run_nndash(binary, args.repetitions, "render-frame", args.threads)["workloads"])

    measured = "thread CPU time" if args.threads == 1 else "wall-clock time"
    print(f"PyTorch {torch.__version__} ({torch.get_num_threads()} thread(s)) vs nndash (OpenBLAS kernels: {blas}, "
          f"{args.threads} thread(s)), median {measured} of {args.repetitions} runs after a warm-up\n")
    print("| workload | PyTorch | nndash | PyTorch / nndash | result (PyTorch) | result (nndash) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, ours in nndash_results.items():
        theirs = torch_results.get(name)
        if theirs is None:
            print(f"| {name} | n/a | {seconds(ours['median_s'])} | n/a | n/a | {ours['result']:.6g} |")
            continue
        ratio = theirs["median_s"] / ours["median_s"]
        print(f"| {name} | {seconds(theirs['median_s'])} | {seconds(ours['median_s'])} | {ratio:.{2 if ratio < 10 else 0}f}x "
              f"| {theirs['result']:.6g} | {ours['result']:.6g} |")


if __name__ == "__main__":
    main()
