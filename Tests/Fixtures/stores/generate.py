#!/usr/bin/env python3
"""Writes the run-store fixtures with the real libraries, and what their own readers read back.

    pip install mlflow wandb pandas
    python3 Tests/Fixtures/stores/generate.py

- mlruns/: MLflow's file store (MLFLOW_ALLOW_FILE_STORE=true), experiment `spiral`, two runs
  with params, tags and metrics (a key with a slash, a metric logged without a step);
- wandb/: two W&B offline runs (WANDB_MODE=offline), with config, history, a summary update and
  system metrics (stats sampled every second);
- pandas_index.csv: a metrics table written by pandas' DataFrame.to_csv() (index included);
- expected.json: per run, what MlflowClient reads back from the file store, and what W&B's
  protobuf classes decode from each .wandb file (framing as wandb's datastore writes it:
  LevelDB's log format with zlib CRC-32), as {"scalars": {key: [[step, value], ...]},
  "params": {...}, "summary": {...}, "system": {key: count}}.

The stores are written in a temporary folder and copied here, so that no path of the machine
that wrote them is kept beyond the artifact locations, which are rewritten to `file:///mlruns`.
"""
import json
import math
import os
import pathlib
import shutil
import struct
import tempfile
import time
import zlib

HERE = pathlib.Path(__file__).resolve().parent
RUNS = [("lr0.1", 0.1), ("lr0.5", 0.5)]


def loss_curve(lr, step):
    """A deterministic training-like curve."""
    return 2.0 * math.exp(-lr * step / 4.0) + 0.05 * math.sin(step * 1.7)


def write_mlflow(root):
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    os.environ["MLFLOW_GIT_DISABLE"] = "true"
    import mlflow
    from mlflow.tracking import MlflowClient

    uri = "file:" + str(root / "mlruns")
    mlflow.set_tracking_uri(uri)
    mlflow.set_experiment("spiral")
    for name, lr in RUNS:
        with mlflow.start_run(run_name=name):
            mlflow.log_params({"lr": lr, "batch_size": 32, "optimizer": "sgd"})
            mlflow.set_tag("dataset", "spiral")
            for step in range(30):
                mlflow.log_metric("train/loss", loss_curve(lr, step), step=step)
                if step % 10 == 9:
                    mlflow.log_metric("val_acc", 1.0 - loss_curve(lr, step) / 3.0, step=step)
            mlflow.log_metric("test_acc", 0.9 + lr / 10.0)  # no step: MLflow stores step 0
    client = MlflowClient(tracking_uri=uri)
    experiment = client.get_experiment_by_name("spiral")
    expected = {}
    for run in client.search_runs([experiment.experiment_id]):
        scalars = {}
        for key in sorted(run.data.metrics):
            history = client.get_metric_history(run.info.run_id, key)
            scalars[key] = [[m.step, m.value] for m in history]
        expected["spiral/" + run.info.run_name] = {"scalars": scalars, "params": dict(run.data.params)}
    for meta in (root / "mlruns").rglob("meta.yaml"):
        text = meta.read_text().replace("file://" + str(root), "file://")
        meta.write_text(text)
    return expected


def write_wandb(root):
    os.environ["WANDB_MODE"] = "offline"
    os.environ["WANDB_SILENT"] = "true"
    import wandb

    for name, lr in RUNS:
        run = wandb.init(project="spiral", name=name, dir=str(root), config={"lr": lr, "batch_size": 32},
                         settings=wandb.Settings(
                             x_stats_sampling_interval=1.0, x_disable_meta=True, disable_git=True,
                             disable_code=True, program="train.py", program_abspath="train.py",
                             program_relpath="train.py", x_executable="python3"))
        for step in range(30):
            row = {"train/loss": loss_curve(lr, step)}
            if step % 10 == 9:
                row["val_acc"] = 1.0 - loss_curve(lr, step) / 3.0
            run.log(row, step=step)
            time.sleep(0.1)
        run.summary["best_acc"] = 0.9 + lr / 10.0
        time.sleep(2)
        run.finish()


def wandb_records(path):
    """The Record protobufs of a .wandb file, framed as wandb's datastore writes them."""
    from wandb.proto import wandb_internal_pb2

    data = path.read_bytes()
    ident, magic, version = struct.unpack("<4sHB", data[:7])
    assert (ident, magic, version) == (b":W&B", 0xBEE1, 0)
    block = 32768
    index = 7
    pending = b""
    while index + 7 <= len(data):
        if block - index % block < 7:
            index += block - index % block
            continue
        checksum, length, kind = struct.unpack("<IHB", data[index:index + 7])
        payload = data[index + 7:index + 7 + length]
        assert zlib.crc32(payload, zlib.crc32(bytes([kind]))) & 0xFFFFFFFF == checksum
        index += 7 + length
        if kind == 0 and length == 0:
            index += block - index % block
            continue
        pending = payload if kind in (1, 2) else pending + payload
        if kind in (1, 4):
            record = wandb_internal_pb2.Record()
            record.ParseFromString(pending)
            yield record


def read_wandb(root):
    expected = {}
    for folder in sorted((root / "wandb").glob("offline-run-*")):
        scalars, params, summary, system = {}, {}, {}, {}
        name = None
        for record in wandb_records(next(folder.glob("run-*.wandb"))):
            kind = record.WhichOneof("record_type")
            if kind == "run":
                name = record.run.display_name
                for item in record.run.config.update:
                    params[item.key] = json.loads(item.value_json)
            elif kind == "config":
                for item in record.config.update:
                    params[item.key] = json.loads(item.value_json)
            elif kind == "history":
                values = {".".join(i.nested_key) or i.key: json.loads(i.value_json) for i in record.history.item}
                step = values.get("_step", record.history.step.num)
                for key, value in values.items():
                    if key.startswith("_") or not isinstance(value, (int, float)) or isinstance(value, bool):
                        continue
                    scalars.setdefault(key, []).append([step, value])
            elif kind == "summary":
                for item in record.summary.update:
                    summary[".".join(item.nested_key) or item.key] = json.loads(item.value_json)
            elif kind == "stats":
                for item in record.stats.item:
                    system[item.key] = system.get(item.key, 0) + 1
        params.pop("_wandb", None)
        expected["wandb/" + folder.name] = {"name": name, "scalars": scalars, "params": params,
                                            "summary": {k: v for k, v in summary.items() if not k.startswith("_")},
                                            "system": system}
    return expected


def write_pandas(root):
    import pandas

    frame = pandas.DataFrame({"step": [0, 1, 2], "loss": [1.5, 0.75, 0.5]})
    frame.to_csv(root / "pandas_index.csv")


def main():
    with tempfile.TemporaryDirectory() as temporary:
        root = pathlib.Path(temporary)
        expected = write_mlflow(root)
        write_wandb(root)
        expected.update(read_wandb(root))
        write_pandas(root)
        for name in ["mlruns", "wandb"]:
            shutil.rmtree(HERE / name, ignore_errors=True)
            shutil.copytree(root / name, HERE / name, symlinks=True)
        shutil.copy(root / "pandas_index.csv", HERE / "pandas_index.csv")
    (HERE / "expected.json").write_text(json.dumps(expected, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
