#!/usr/bin/env python3
"""Time plotext and plotille on nndash's render benchmark workload.

The workload matches `RenderBenchmark` in NNCharts: four line-chart panels in a 2x2
grid on a 200x50 character screen, each with ten series of 100,000 points (a decaying
loss with noise and rare spikes). Each library draws every panel from the raw points,
as it must: neither keeps a decimated form between frames. Run `nndash bench` for
nndash's own figure on the same workload.

    pip install "plotext>=5.2,<6" plotille numpy   # plotext 6 changed its API
    python3 benchmarks/compare_plotting.py [--points N] [--frames F]
"""

import argparse
import time

import numpy as np


def make_panels(panels, series, points, seed=42):
    """The panels' series as (x, [y, ...]) with the shape RenderBenchmark uses."""
    rng = np.random.default_rng(seed)
    x = np.arange(points, dtype=float)
    t = x / points
    data = []
    for p in range(panels):
        ys = []
        for s in range(series):
            rate = 1.0 + s * 0.3
            y = (2.0 + p) / (1 + 20 * rate * t) + 0.05 * rng.random(points)
            spikes = rng.random(points) < 1 / 50_000
            y[spikes] *= 4
            ys.append(y)
        data.append((x, ys))
    return data


def frame_plotext(data, width, height):
    import plotext as plt

    plt.clear_figure()
    plt.plotsize(width, height)
    plt.subplots(2, 2)
    for i, (x, ys) in enumerate(data):
        plt.subplot(i // 2 + 1, i % 2 + 1)
        plt.title(f"panel {i + 1}")
        for s, y in enumerate(ys):
            plt.plot(x, y, label=f"run {s}", marker="braille")
    return plt.build()


def frame_plotille(data, width, height):
    import plotille

    # plotille draws one figure at a time; four 100x25 figures side by side make the frame.
    texts = []
    for i, (x, ys) in enumerate(data):
        fig = plotille.Figure()
        fig.width = width // 2 - 12  # plot area; axes labels take about 12 columns
        fig.height = height // 2 - 5
        fig.set_x_limits(min_=float(x[0]), max_=float(x[-1]))
        for s, y in enumerate(ys):
            fig.plot(x, y, label=f"run {s}")
        texts.append(fig.show(legend=False))
    return "\n".join(texts)


def time_frames(name, frame, data, width, height, frames):
    times = []
    for _ in range(frames):
        start = time.perf_counter()
        text = frame(data, width, height)
        times.append(time.perf_counter() - start)
    best = min(times) * 1e3
    mean = sum(times) / len(times) * 1e3
    print(f"{name:9s} {mean:10.1f} ms/frame (best {best:.1f} ms, {frames} frames, {len(text)} chars)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=100_000, help="points per series")
    parser.add_argument("--frames", type=int, default=3, help="frames to time per library")
    parser.add_argument("--width", type=int, default=200)
    parser.add_argument("--height", type=int, default=50)
    args = parser.parse_args()
    data = make_panels(4, 10, args.points)
    print(f"4 panels x 10 series x {args.points:,} points, {args.width}x{args.height} cells")
    time_frames("plotext", frame_plotext, data, args.width, args.height, args.frames)
    time_frames("plotille", frame_plotille, data, args.width, args.height, args.frames)


if __name__ == "__main__":
    main()
