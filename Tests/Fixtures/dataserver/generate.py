#!/usr/bin/env python3
"""Writes TensorBoard logs with the real libraries, and what TensorBoard's data server shows of them.

    pip install torch tensorboard tensorboardX lightning
    python3 Tests/Fixtures/dataserver/generate.py

logs/ holds event files written the way users write them, where steps do not only increase:

- resumed/: torch's SummaryWriter to step 99, then a second SummaryWriter on the same folder
  resuming from a checkpoint at step 50 without purge_step, to step 149 (two event files);
- repeated/: tensorboardX's SummaryWriter logging steps 0, 1, 2, 2, 3, 1, 4;
- lightning/version_0/: Lightning's TensorBoardLogger training a small model for 3 epochs,
  logging every step, so that `epoch` is logged twice at each validation's step; its
  hyperparameters go to hparams.yaml and to the hparams plugin's records;
- sweep/lr0.01, sweep/lr0.1: torch's SummaryWriter with add_hparams (bool, int, float and
  string values), which writes the hparams records and the metric in a `hparams` subfolder.

expected.json is what `tensorboard --logdir logs --load_fast=true` (its Rust data server)
serves over HTTP: per run and tag the scalars plugin's points as [step, value] (every point:
no series here reaches the 1000 its reservoir keeps), and per session the hparams plugin's
values. The host name in the event files' names is replaced by `host`.
"""
import json
import math
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

HERE = pathlib.Path(__file__).resolve().parent


def write_resumed(root):
    from torch.utils.tensorboard import SummaryWriter

    writer = SummaryWriter(str(root / "resumed"))
    for step in range(100):
        writer.add_scalar("train/loss", 2.0 * math.exp(-step / 40.0), step)
    writer.close()
    time.sleep(1.1)  # the second file's name sorts after the first, as a resumed job's does
    writer = SummaryWriter(str(root / "resumed"))  # resumed at step 50, no purge_step
    for step in range(50, 150):
        writer.add_scalar("train/loss", 1.5 * math.exp(-step / 40.0), step)
    writer.close()


def write_repeated(root):
    import tensorboardX

    writer = tensorboardX.SummaryWriter(str(root / "repeated"))
    for k, step in enumerate([0, 1, 2, 2, 3, 1, 4]):
        writer.add_scalar("loss", 1.0 / (k + 1), step)
    writer.close()


def write_lightning(root):
    import lightning
    import torch
    from lightning.pytorch.loggers import TensorBoardLogger

    class Model(lightning.LightningModule):
        def __init__(self, lr=0.05, hidden=8, optimizer="sgd"):
            super().__init__()
            self.save_hyperparameters()
            self.net = torch.nn.Sequential(torch.nn.Linear(2, hidden), torch.nn.Tanh(), torch.nn.Linear(hidden, 1))

        def training_step(self, batch, index):
            x, y = batch
            loss = torch.nn.functional.mse_loss(self.net(x), y)
            self.log("train_loss", loss, on_step=True, on_epoch=True)
            return loss

        def validation_step(self, batch, index):
            x, y = batch
            self.log("val_loss", torch.nn.functional.mse_loss(self.net(x), y))

        def configure_optimizers(self):
            return torch.optim.SGD(self.parameters(), lr=self.hparams.lr)

    lightning.seed_everything(7, verbose=False)
    x = torch.randn(80, 2)
    y = (x[:, :1] * 0.5 - x[:, 1:] * 0.25).tanh()
    data = torch.utils.data.TensorDataset(x, y)
    train = torch.utils.data.DataLoader(data, batch_size=16)
    val = torch.utils.data.DataLoader(data, batch_size=40)
    trainer = lightning.Trainer(
        max_epochs=3, log_every_n_steps=1, logger=TensorBoardLogger(str(root), name="lightning", version=0),
        enable_checkpointing=False, enable_progress_bar=False, enable_model_summary=False,
        accelerator="cpu", devices=1, num_sanity_val_steps=0)
    trainer.fit(Model(), train, val)


def write_sweep(root):
    from torch.utils.tensorboard import SummaryWriter

    for lr, optimizer in [(0.01, "adam"), (0.1, "sgd")]:
        writer = SummaryWriter(str(root / "sweep" / f"lr{lr}"))
        for step in range(20):
            writer.add_scalar("loss", math.exp(-lr * step), step)
        writer.add_hparams({"lr": lr, "optimizer": optimizer, "augment": lr < 0.05, "layers": 3},
                           {"hparam/final_loss": math.exp(-lr * 19)}, run_name="hparams")
        writer.close()


def neutral_names(root):
    """Replaces this machine's name in the event files' names (torch: events.out.tfevents.TIME.HOST.PID.N)."""
    host = socket.gethostname()
    for path in sorted(root.rglob("events.out.tfevents.*")):
        parts = ["host" if part == host else part for part in path.name.split(".")]
        path.rename(path.with_name(".".join(parts)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ask(port, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def data_server_view(root):
    """What `tensorboard --load_fast=true` serves of root: scalars per run and tag, hparams per session."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "tensorboard.main", "--logdir", str(root), "--load_fast=true",
                               "--host", "127.0.0.1", "--port", str(port), "--reload_interval", "1"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        runs = []
        for _ in range(120):
            try:
                runs = ask(port, "/data/runs")
                tags = ask(port, "/data/plugin/scalars/tags")
                if len(runs) >= 6 and all(tags.get(run) for run in runs):
                    break
            except OSError:
                pass
            time.sleep(0.5)
        time.sleep(3)  # one more reload, so that every file is read to its end
        scalars = {}
        for run, tags in sorted(ask(port, "/data/plugin/scalars/tags").items()):
            scalars[run] = {}
            for tag in sorted(tags):
                query = urllib.parse.urlencode({"run": run, "tag": tag})
                points = ask(port, "/data/plugin/scalars/scalars?" + query)
                scalars[run][tag] = [[step, value] for _, step, value in points]
        groups = ask(port, "/data/plugin/hparams/session_groups", {
            "experimentName": "", "colParams": [], "startIndex": 0, "sliceSize": 100,
            "allowedStatuses": ["STATUS_UNKNOWN", "STATUS_SUCCESS", "STATUS_FAILURE", "STATUS_RUNNING"]})
        hparams = {}
        for group in groups["sessionGroups"]:
            for session in group["sessions"]:
                hparams[session["name"]] = group["hparams"]
        return {"scalars": scalars, "hparams": dict(sorted(hparams.items()))}
    finally:
        server.terminate()
        server.wait()


def main():
    with tempfile.TemporaryDirectory() as temporary:
        root = pathlib.Path(temporary) / "logs"
        root.mkdir()
        write_resumed(root)
        write_repeated(root)
        write_lightning(root)
        write_sweep(root)
        neutral_names(root)
        expected = data_server_view(root)
        shutil.rmtree(HERE / "logs", ignore_errors=True)
        shutil.copytree(root, HERE / "logs")
    (HERE / "expected.json").write_text(json.dumps(expected, indent=1) + "\n")


if __name__ == "__main__":
    main()
