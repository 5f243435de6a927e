#!/usr/bin/env python3
"""Times `nndash watch DIR`'s dashboard in a real terminal (tmux): when the first curve is
drawn, when every run is read, and the CPU it uses once idle.

    python3 benchmarks/time_dashboard.py .build/release/nndash DIR [--idle 30]

tmux runs a server of its own, on a socket in a temporary folder removed afterwards (-S), so
that two timings at once cannot share a server, with a 120x40 window; the pane is captured every
20 ms. "first curve" is the first capture holding a braille dot (a chart's line), "all runs"
the first whose header names no runs left to read ("reading N more…" gone) once a curve is
drawn. The CPU figures are the process's user + system time from /proc/PID/stat at those
moments; idle is its CPU over --idle seconds after everything is read, as a share of one core.
The load average (1 minute) is printed with each run, since wall-clock times on a shared host
depend on it.
"""
import argparse
import os
import shutil
import subprocess
import tempfile
import time

SOCKET = os.path.join(tempfile.mkdtemp(prefix="nndash-bench-"), "tmux")
TICK = os.sysconf("SC_CLK_TCK")


def tmux(*args):
    return subprocess.run(["tmux", "-S", SOCKET, *args], capture_output=True, text=True).stdout


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("nndash")
    parser.add_argument("dir")
    parser.add_argument("--idle", type=float, default=30.0)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    start = time.monotonic()
    tmux("new-session", "-d", "-s", "bench", "-x", "120", "-y", "40", os.path.abspath(args.nndash), "watch", args.dir)
    pid = int(tmux("display-message", "-p", "-t", "bench", "#{pane_pid}").strip())
    first = everything = None
    try:
        while time.monotonic() - start < args.timeout:
            screen = tmux("capture-pane", "-p", "-t", "bench")
            now = time.monotonic() - start
            if first is None and any("\u2800" <= c <= "\u28ff" for c in screen):
                first = (now, cpu_seconds(pid))
            if first is not None and "reading" not in screen.splitlines()[0]:
                everything = (now, cpu_seconds(pid))
                break
            time.sleep(0.02)
        idle = None
        if everything is not None and args.idle > 0:
            time.sleep(2)
            before, t0 = cpu_seconds(pid), time.monotonic()
            time.sleep(args.idle)
            idle = (cpu_seconds(pid) - before) / (time.monotonic() - t0)
    finally:
        tmux("kill-session", "-t", "bench")
        tmux("kill-server")
        shutil.rmtree(os.path.dirname(SOCKET), ignore_errors=True)
    show = lambda m: "not seen" if m is None else f"{m[0]:.2f} s wall ({m[1]:.2f} s CPU)"
    print(f"load {load:.1f}: first curve {show(first)}; all runs {show(everything)}; "
          f"idle {'-' if idle is None else f'{100 * idle:.2f}% of a core'}")


if __name__ == "__main__":
    main()
