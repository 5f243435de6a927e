#!/usr/bin/env python3
"""Drives a real MLflow tracking server for nndash's tests.

    python3 mlflow_server.py log URI EXPERIMENT RUN_NAME LR STEPS
        logs a small training-like run (params, a metric per step, one every 10 steps, a
        value logged twice at one step) from this process;
    python3 mlflow_server.py expected URI EXPERIMENT
        prints what MlflowClient reads back: {"<experiment>/<run name>": {"scalars":
        {key: [[step, value], ...]}, "params": {...}}}.
"""
import json
import math
import sys


def log(uri, experiment, name, lr, steps):
    import mlflow

    mlflow.set_tracking_uri(uri)
    mlflow.set_experiment(experiment)
    with mlflow.start_run(run_name=name):
        mlflow.log_params({"lr": lr, "optimizer": "sgd"})
        for step in range(steps):
            loss = 2.0 * math.exp(-lr * step / 4.0) + 0.05 * math.sin(step * 1.7)
            mlflow.log_metric("train/loss", loss, step=step)
            if step % 10 == 9:
                mlflow.log_metric("val_acc", 1.0 - loss / 3.0, step=step)
        mlflow.log_metric("val_acc", 0.5, step=steps - 1)  # a second value at the last step


def expected(uri, experiment):
    from mlflow.tracking import MlflowClient

    client = MlflowClient(tracking_uri=uri)
    found = client.get_experiment_by_name(experiment)
    runs = {}
    for run in client.search_runs([found.experiment_id]):
        scalars = {}
        for key in sorted(run.data.metrics):
            scalars[key] = [[m.step, m.value] for m in client.get_metric_history(run.info.run_id, key)]
        runs[experiment + "/" + run.info.run_name] = {"scalars": scalars, "params": dict(run.data.params)}
    print(json.dumps(runs, sort_keys=True))


if __name__ == "__main__":
    if sys.argv[1] == "log":
        log(sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]), int(sys.argv[6]))
    else:
        expected(sys.argv[2], sys.argv[3])
