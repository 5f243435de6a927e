#!/usr/bin/env python3
"""Time reading training logs: nndash against TensorBoard's EventAccumulator and pandas.

    pip install tensorboard pandas numpy
    swift build -c release --product nndash
    python3 benchmarks/compare_logs.py [--runs 100] [--steps 5000] [--repetitions 3]

The script writes RUNS runs of STEPS steps with two scalars each (10^6 points by default)
with `benchmarks/make_logs.py`, as TensorBoard event files and as JSON lines, in a temporary
folder; then, for each format, times (wall clock and CPU time, user and system, the medians of --repetitions runs; on a
shared machine CPU time moves less):

- tfevents: `EventAccumulator(run, size_guidance={"scalars": 0}).Reload()` for every run
  (TensorBoard's Python reader, keeping every point), against `nndash watch DIR --json`;
- jsonl: `pandas.read_json(path, lines=True, precise_float=True)` for every run (without
  precise_float its parser rounds some numbers to a neighbouring double), against `nndash watch DIR --json`.

nndash's time includes printing every point as JSON (to /dev/null); the Python readers only
load the points. Before timing, the points nndash prints are checked against each reader's,
value for value. `nndash bench --workload read-tfevents --workload read-jsonl` times nndash's
parsing alone, in memory, on one thread.
"""
import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
NNDASH = HERE.parent / ".build" / "release" / "nndash"


def timed(work, repetitions):
    """Median wall-clock seconds and median CPU seconds (this process's and its children's)."""
    wall, cpu = [], []
    for _ in range(repetitions):
        before = os.times()
        start = time.perf_counter()
        work()
        wall.append(time.perf_counter() - start)
        after = os.times()
        cpu.append(sum(after[:4]) - sum(before[:4]))
    return statistics.median(wall), statistics.median(cpu)


def read_event_files(folder):
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    runs = {}
    for run in sorted(p for p in folder.iterdir() if p.is_dir()):
        accumulator = EventAccumulator(str(run), size_guidance={"scalars": 0})
        accumulator.Reload()
        runs[run.name] = {tag: [[e.step, e.value] for e in accumulator.Scalars(tag)]
                          for tag in accumulator.Tags()["scalars"]}
    return runs


def read_json_lines(folder):
    import pandas

    runs = {}
    for path in sorted(folder.glob("*.jsonl")):
        frame = pandas.read_json(path, lines=True, precise_float=True)
        runs[path.name] = {tag: [[int(s), float(v)] for s, v in zip(frame["step"], frame[tag])]
                           for tag in frame.columns if tag != "step"}
    return runs


def nndash_json(folder):
    out = subprocess.run([str(NNDASH), "watch", str(folder), "--json"], check=True, capture_output=True).stdout
    return {run["run"]: run["scalars"] for run in json.loads(out)["runs"]}


def nndash_to_null(folder):
    with open(os.devnull, "wb") as null:
        subprocess.run([str(NNDASH), "watch", str(folder), "--json"], check=True, stdout=null)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--steps", type=int, default=5000)
    parser.add_argument("--repetitions", type=int, default=3)
    args = parser.parse_args()
    if not NNDASH.exists():
        sys.exit(f"build nndash first: swift build -c release --product nndash ({NNDASH} is missing)")
    points = args.runs * args.steps * 2
    with tempfile.TemporaryDirectory() as temporary:
        root = pathlib.Path(temporary)
        rows = []
        for fmt, reader, name in [("tfevents", read_event_files, "EventAccumulator"),
                                  ("jsonl", read_json_lines, "pandas.read_json")]:
            folder = root / fmt
            subprocess.run([sys.executable, str(HERE / "make_logs.py"), "--format", fmt, "--runs", str(args.runs),
                            "--steps", str(args.steps), str(folder)], check=True)
            theirs, ours = reader(folder), nndash_json(folder)
            ours = {name.split("/")[-1] if fmt == "tfevents" else name: scalars for name, scalars in ours.items()}
            assert theirs == ours, f"{fmt}: nndash and {name} read different points"
            their_time = timed(lambda: reader(folder), args.repetitions)
            our_time = timed(lambda: nndash_to_null(folder), args.repetitions)
            rows.append((fmt, name, their_time, our_time))
    print(f"{points:,} points ({args.runs} runs x {args.steps} steps x 2 tags), median of {args.repetitions}")
    print("| format | reader | reader: wall (CPU) | nndash watch --json: wall (CPU) | reader / nndash, wall (CPU) |")
    print("|---|---|---:|---:|---:|")
    for fmt, name, theirs, ours in rows:
        print(f"| {fmt} | {name} | {theirs[0]:.2f} s ({theirs[1]:.2f} s) | {ours[0]:.3f} s ({ours[1]:.3f} s) "
              f"| {theirs[0] / ours[0]:.0f}x ({theirs[1] / ours[1]:.0f}x) |")


if __name__ == "__main__":
    main()
