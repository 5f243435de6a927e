#!/usr/bin/env python3
"""Writes the real training logs of this folder with the real libraries, and what their own
readers read back.

    pip install torch tensorboard lightning keras
    python3 Tests/Fixtures/logs/generate.py OUT

A small MLP learns a 3-class spiral (240 training points, 60 validation points, seeded), and
each library logs it as users log their runs:

- tensorboard/lr0.05/, tensorboard/lr0.5/: torch's SummaryWriter, 120 steps of `train/loss`,
  `val/loss`, `val/acc` (classic `simple_value`), and the histogram `layer0/weight` every 20
  steps: two runs of one sweep;
- tensorboard_newstyle/: SummaryWriter.add_scalar(..., new_style=True), 60 steps: `loss` as a
  double-precision tensor, `acc` as a float tensor;
- lightning/spiral/version_0/: Lightning's CSVLogger, 6 epochs of 15 steps, every 3rd step
  logged: `train_loss_step`, `train_loss_epoch`, `val_loss`, `val_acc` in sparse rows, and
  `hparams.yaml` (lr: 0.1);
- keras_training.log: Keras 3's CSVLogger (torch backend), 8 epochs with validation;
- train.jsonl: a plain loop printing one JSON object per step with Python's json module.

OUT/expected.json has, per run, every scalar series as [[step, value], ...] the way the
official readers read it: TensorBoard's EventAccumulator (scalars, tensors through
tensor_util.make_ndarray, histograms as [step, min, max, count]) with EventFileLoader for the
order tags first appear in; Python's csv module (x from `step`, else `epoch`; empty cells are
no point); Python's json module. Keras' comma separator is recorded as "separator".

OUT is written afresh (a temporary folder by default). The committed logs beside this script
were made this way; tests read their exact contents (counts, steps, values), so they are not
replaced: a new set is checked with `nndash watch OUT --json` against OUT/expected.json by
`python3 Tests/Fixtures/logs/generate.py OUT --check PATH-TO-NNDASH`.
"""
import argparse
import csv
import json
import math
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

os.environ.setdefault("KERAS_BACKEND", "torch")

SEED = 1919


def spiral(seed, per_class=100):
    """Three interleaved spiral arms with noise: 240 training and 60 validation points."""
    import torch

    g = torch.Generator().manual_seed(seed)
    xs, ys = [], []
    for c in range(3):
        r = torch.linspace(0.0, 1.0, per_class)
        t = torch.linspace(c * 4.0, (c + 1) * 4.0, per_class) + 0.2 * torch.randn(per_class, generator=g)
        xs.append(torch.stack([r * torch.sin(t), r * torch.cos(t)], dim=1))
        ys.append(torch.full((per_class,), c, dtype=torch.long))
    x, y = torch.cat(xs), torch.cat(ys)
    order = torch.randperm(len(y), generator=g)
    x, y = x[order], y[order]
    return (x[:240], y[:240]), (x[240:], y[240:])


def mlp(seed):
    import torch

    torch.manual_seed(seed)
    return torch.nn.Sequential(torch.nn.Linear(2, 32), torch.nn.Tanh(), torch.nn.Linear(32, 3))


def train_steps(lr, steps, seed):
    """Full-batch SGD steps; yields (step, model, train loss, val loss, val accuracy)."""
    import torch

    (x, y), (vx, vy) = spiral(SEED)
    model = mlp(seed)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    for step in range(steps):
        batch = torch.randint(0, len(y), (32,), generator=torch.Generator().manual_seed(seed * 1000 + step))
        loss = torch.nn.functional.cross_entropy(model(x[batch]), y[batch])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            out = model(vx)
            val_loss = torch.nn.functional.cross_entropy(out, vy)
            val_acc = (out.argmax(1) == vy).float().mean()
        yield step, model, loss.item(), val_loss.item(), val_acc.item()


def write_tensorboard(out):
    from torch.utils.tensorboard import SummaryWriter

    for lr in (0.05, 0.5):
        writer = SummaryWriter(str(out / "tensorboard" / f"lr{lr}"))
        for step, model, loss, val_loss, val_acc in train_steps(lr, 120, seed=7):
            writer.add_scalar("train/loss", loss, step)
            writer.add_scalar("val/loss", val_loss, step)
            writer.add_scalar("val/acc", val_acc, step)
            if step % 20 == 0:
                writer.add_histogram("layer0/weight", model[0].weight, step)
        writer.close()
    writer = SummaryWriter(str(out / "tensorboard_newstyle"))
    for step, _, loss, _, val_acc in train_steps(0.05, 60, seed=8):
        writer.add_scalar("loss", loss, step, new_style=True, double_precision=True)
        writer.add_scalar("acc", val_acc, step, new_style=True)
    writer.close()


def write_jsonl(out):
    with open(out / "train.jsonl", "w") as f:
        for step, _, loss, val_loss, val_acc in train_steps(0.05, 80, seed=9):
            f.write(json.dumps({"step": step, "loss": loss, "val_loss": val_loss, "val_acc": val_acc}) + "\n")


def write_lightning(out):
    import lightning
    import torch

    class Spiral(lightning.LightningModule):
        def __init__(self, lr=0.1):
            super().__init__()
            self.save_hyperparameters()
            self.model = mlp(10)

        def training_step(self, batch, _):
            x, y = batch
            loss = torch.nn.functional.cross_entropy(self.model(x), y)
            self.log("train_loss", loss, on_step=True, on_epoch=True)
            return loss

        def validation_step(self, batch, _):
            x, y = batch
            out = self.model(x)
            self.log("val_loss", torch.nn.functional.cross_entropy(out, y))
            self.log("val_acc", (out.argmax(1) == y).float().mean())

        def configure_optimizers(self):
            return torch.optim.SGD(self.parameters(), lr=self.hparams.lr, momentum=0.9)

    lightning.seed_everything(SEED, verbose=False)
    (x, y), (vx, vy) = spiral(SEED)
    train = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=16, shuffle=True)
    val = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(vx, vy), batch_size=60)
    logger = lightning.pytorch.loggers.CSVLogger(str(out / "lightning"), name="spiral", version=0)
    trainer = lightning.Trainer(max_epochs=6, logger=logger, log_every_n_steps=3, enable_progress_bar=False,
                                enable_model_summary=False, enable_checkpointing=False, accelerator="cpu")
    trainer.fit(Spiral(lr=0.1), train, val)


def write_keras(out):
    import keras

    keras.utils.set_random_seed(SEED)
    (x, y), (vx, vy) = spiral(SEED)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(32, activation="tanh"), keras.layers.Dense(3)])
    model.compile(optimizer=keras.optimizers.SGD(0.1, momentum=0.9),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
    model.fit(x.numpy(), y.numpy(), validation_data=(vx.numpy(), vy.numpy()), epochs=8, batch_size=16, verbose=0,
              callbacks=[keras.callbacks.CSVLogger(str(out / "keras_training.log"))])


def read_events(folder):
    """What TensorBoard's EventAccumulator reads, tags in the order they first appear."""
    from tensorboard.backend.event_processing import event_accumulator, event_file_loader
    from tensorboard.util import tensor_util

    order = []
    for path in sorted(folder.glob("events.out.tfevents.*")):
        for event in event_file_loader.EventFileLoader(str(path)).Load():
            for value in event.summary.value:
                if value.tag not in order:
                    order.append(value.tag)
    acc = event_accumulator.EventAccumulator(str(folder), size_guidance={event_accumulator.SCALARS: 0,
                                                                         event_accumulator.TENSORS: 0,
                                                                         event_accumulator.HISTOGRAMS: 0})
    acc.Reload()
    tags = acc.Tags()
    scalars, histograms = {}, {}
    for tag in order:
        if tag in tags["scalars"]:
            scalars[tag] = [[e.step, e.value] for e in acc.Scalars(tag)]
        elif tag in tags["tensors"]:
            scalars[tag] = [[e.step, float(tensor_util.make_ndarray(e.tensor_proto).item())] for e in acc.Tensors(tag)]
        elif tag in tags["histograms"]:
            histograms[tag] = [[e.step, e.histogram_value.min, e.histogram_value.max, e.histogram_value.num]
                               for e in acc.Histograms(tag)]
    return {"scalars": scalars, "histograms": histograms}


def read_csv(path):
    """Each column but the x column, cells that are numbers, in the order they first appear."""
    with open(path, newline="") as f:
        dialect = csv.Sniffer().sniff(f.read(4096))
        f.seek(0)
        rows = list(csv.DictReader(f, dialect=dialect))
    x = "step" if "step" in rows[0] else "epoch"
    scalars = {}
    for row in rows:
        for column, cell in row.items():
            if column in ("step", "epoch") or cell in ("", None):
                continue
            scalars.setdefault(column, []).append([int(float(row[x])), float(cell)])
    return {"scalars": scalars, "separator": dialect.delimiter}


def read_jsonl(path):
    scalars = {}
    with open(path) as f:
        for line in f:
            record = json.loads(line)
            for key, value in record.items():
                if key != "step" and isinstance(value, (int, float)):
                    scalars.setdefault(key, []).append([record["step"], value])
    return {"scalars": scalars}


def expected(out):
    runs = {
        "tensorboard/lr0.05": read_events(out / "tensorboard" / "lr0.05"),
        "tensorboard/lr0.5": read_events(out / "tensorboard" / "lr0.5"),
        "tensorboard_newstyle": read_events(out / "tensorboard_newstyle"),
        "lightning/spiral/version_0/metrics.csv": read_csv(out / "lightning" / "spiral" / "version_0" / "metrics.csv"),
        "keras_training.log": read_csv(out / "keras_training.log"),
        "train.jsonl": read_jsonl(out / "train.jsonl"),
    }
    runs["lightning/spiral/version_0/metrics.csv"].pop("separator")
    return runs


def check(out, nndash):
    """`nndash watch OUT --json` against expected.json: the same series, steps and float32 values."""
    import struct

    def f32(v):
        return struct.unpack("f", struct.pack("f", v))[0]

    want = json.loads((out / "expected.json").read_text())
    text = subprocess.run([nndash, "watch", str(out), "--json"], check=True, capture_output=True, text=True).stdout
    got = {run["run"]: run for run in json.loads(text)["runs"]}
    problems = []
    if set(got) != set(want):
        problems.append(f"runs {sorted(got)} != {sorted(want)}")
    for name, reference in want.items():
        run = got.get(name, {})
        for kind in ("scalars", "histograms"):
            ours, theirs = run.get(kind, {}), reference.get(kind, {})
            if list(ours) != list(theirs):
                problems.append(f"{name} {kind}: {list(ours)} != {list(theirs)}")
            for tag, points in theirs.items():
                mine = ours.get(tag, [])
                same = len(mine) == len(points) and all(
                    a[0] == b[0] and all(f32(p) == f32(q) for p, q in zip(a[1:], b[1:])) for a, b in zip(mine, points))
                if not same:
                    problems.append(f"{name} {tag}: {len(mine)} points differ from the reader's {len(points)}")
        if run.get("warnings"):
            problems.append(f"{name}: warnings {run['warnings']}")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(want)} runs checked, {len(problems)} differences")
    return not problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", help="folder to write (default: a new temporary folder)")
    parser.add_argument("--check", metavar="NNDASH", help="compare `NNDASH watch OUT --json` with expected.json")
    args = parser.parse_args()
    out = pathlib.Path(args.out or tempfile.mkdtemp(prefix="nndash-logs-"))
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    write_tensorboard(out)
    write_jsonl(out)
    write_lightning(out)
    write_keras(out)
    (out / "expected.json").write_text(json.dumps(expected(out), indent=1) + "\n")
    print(f"written: {out}")
    if args.check and not check(out, args.check):
        sys.exit(1)


if __name__ == "__main__":
    main()
