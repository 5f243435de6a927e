#!/usr/bin/env python3
"""Writes many training runs for timing log readers: RUNS runs of STEPS steps, each step
logging TAGS scalars, as TensorBoard event files or as JSON lines.

    python3 benchmarks/make_logs.py --format tfevents --runs 1000 --steps 5000 OUT
    python3 benchmarks/make_logs.py --format jsonl --runs 1000 --steps 5000 OUT

- tfevents: OUT/run0000/events.out.tfevents.<time>.bench, one event file per run as torch's
  SummaryWriter writes it (a file_version event, then one Event per tag and step with a
  Summary.Value's simple_value, float32), framed as TFRecords with masked CRC-32C;
- jsonl: OUT/run0000.jsonl, one line per step, `{"step": s, "tag0": v, "tag1": w}`, numbers
  as Python's json module writes them.

Values are deterministic (a decaying loss with a little noise from a fixed seed). Only numpy
is needed: the CRC-32C of every record is computed column by column across records.
"""
import argparse
import pathlib
import struct

import numpy as np


def crc32c_table():
    table = np.zeros(256, dtype=np.uint32)
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table[i] = c
    return table


TABLE = crc32c_table()


def masked_crc(rows):
    """The masked CRC-32C of each row of a 2-D uint8 array (all rows the same length)."""
    crc = np.full(rows.shape[0], 0xFFFFFFFF, dtype=np.uint32)
    for j in range(rows.shape[1]):
        crc = TABLE[(crc ^ rows[:, j]) & 0xFF] ^ (crc >> np.uint32(8))
    crc ^= np.uint32(0xFFFFFFFF)
    return (((crc >> np.uint32(15)) | (crc << np.uint32(17))) + np.uint32(0xA282EAD8)).astype(np.uint32)


def frame(rows):
    """TFRecords of equal-length payloads: length, masked CRC of the length, payload, masked CRC."""
    n, length = rows.shape
    header = np.frombuffer(struct.pack("<Q", length), dtype=np.uint8)
    headers = np.tile(header, (n, 1))
    out = np.empty((n, 8 + 4 + length + 4), dtype=np.uint8)
    out[:, :8] = headers
    out[:, 8:12] = masked_crc(headers).view(np.uint8).reshape(n, 4)
    out[:, 12:12 + length] = rows
    out[:, 12 + length:] = masked_crc(rows).view(np.uint8).reshape(n, 4)
    return out


def varint(v):
    out = bytearray()
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def scalar_events(tag, steps, values, times):
    """Event{wall_time, step, summary{value{tag, simple_value}}} for each point, steps of one varint length."""
    n = len(steps)
    name = tag.encode()
    value = b"\x0a" + varint(len(name)) + name + b"\x15"  # tag, then simple_value's 4 bytes
    value_length = len(value) + 4
    summary = b"\x0a" + varint(value_length)
    summary_length = len(summary) + value_length
    step_bytes = [varint(int(s)) for s in steps[:1]]
    step_length = len(step_bytes[0])
    length = 9 + 1 + step_length + 1 + len(varint(summary_length)) + summary_length
    rows = np.empty((n, length), dtype=np.uint8)
    rows[:, 0] = 0x09
    rows[:, 1:9] = times.astype("<f8").view(np.uint8).reshape(n, 8)
    rows[:, 9] = 0x10
    s = steps.astype(np.uint64)
    for k in range(step_length):
        byte = (s >> np.uint64(7 * k)) & np.uint64(0x7F)
        if k < step_length - 1:
            byte |= np.uint64(0x80)
        rows[:, 10 + k] = byte.astype(np.uint8)
    at = 10 + step_length
    head = b"\x2a" + varint(summary_length) + summary + value
    rows[:, at:at + len(head)] = np.frombuffer(head, dtype=np.uint8)
    at += len(head)
    rows[:, at:at + 4] = values.astype("<f4").view(np.uint8).reshape(n, 4)
    return rows


def run_values(rng, r, steps, tags):
    t = np.arange(steps, dtype=np.float64)
    rate = 1.0 + (r % 10) * 0.2
    out = []
    for k in range(tags):
        base = (2.0 + k) / (1.0 + rate * t / 500.0)
        out.append(base + 0.01 * rng.random(steps))
    return out


def write_tfevents(out, runs, steps, tags, seed):
    rng = np.random.default_rng(seed)
    start = 1.7e9
    for r in range(runs):
        folder = out / f"run{r:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        values = run_values(rng, r, steps, tags)
        step = np.arange(steps, dtype=np.int64)
        times = start + r + step * 0.01
        version = b"\x09" + struct.pack("<d", start + r) + b"\x1a\x0dbrain.Event:2"
        parts = [frame(np.frombuffer(version, dtype=np.uint8)[None, :]).ravel()]
        # Steps grouped by their varint length; in each group the tags of a step follow each other.
        bounds = [0, 128, 16384, 2097152]
        for low, high in zip(bounds, bounds[1:]):
            sel = (step >= low) & (step < high)
            if not sel.any():
                continue
            framed = [frame(scalar_events(f"tag{k}", step[sel], values[k][sel], times[sel])) for k in range(tags)]
            width = max(f.shape[1] for f in framed)
            assert all(f.shape[1] == width for f in framed)
            parts.append(np.stack(framed, axis=1).ravel())
        (folder / f"events.out.tfevents.{int(start) + r}.bench").write_bytes(np.concatenate(parts).tobytes())


def write_jsonl(out, runs, steps, tags, seed):
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    for r in range(runs):
        values = run_values(rng, r, steps, tags)
        columns = [[repr(float(v)) for v in vs] for vs in values]
        names = [f'"tag{k}": ' for k in range(tags)]
        lines = []
        for s in range(steps):
            lines.append('{"step": %d, ' % s + ", ".join(names[k] + columns[k][s] for k in range(tags)) + "}\n")
        (out / f"run{r:04d}.jsonl").write_text("".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--format", choices=["tfevents", "jsonl"], required=True)
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=5000)
    parser.add_argument("--tags", type=int, default=2)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    write = write_tfevents if args.format == "tfevents" else write_jsonl
    write(args.out, args.runs, args.steps, args.tags, args.seed)


if __name__ == "__main__":
    main()
