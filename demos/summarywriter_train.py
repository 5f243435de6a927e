"""Train a small MLP on a synthetic 3-class spiral and log it with TensorBoard's SummaryWriter.

Two runs train side by side, one per learning rate, each writing to runs/demo/lr<rate>:
scalars train/loss, train/acc, val/loss, val/acc every step, and a histogram of the first
layer's weights every 10 steps. Watch them live in the terminal with

    python3 demos/summarywriter_train.py & nndash watch runs/demo

Needs PyTorch and TensorBoard: pip install torch tensorboard
"""

import argparse
import math
import time

import torch
from torch import nn
from torch.utils.tensorboard import SummaryWriter


def spiral(points_per_class, classes=3, noise=0.2, generator=None):
    """Points on `classes` interleaved spiral arms in the plane, labelled by arm."""
    xs, ys = [], []
    for label in range(classes):
        radius = torch.linspace(0.0, 1.0, points_per_class)
        angle = (torch.linspace(label * 4.0, (label + 1) * 4.0, points_per_class)
                 + noise * torch.randn(points_per_class, generator=generator))
        xs.append(torch.stack([radius * torch.sin(angle), radius * torch.cos(angle)], dim=1))
        ys.append(torch.full((points_per_class,), label, dtype=torch.long))
    return torch.cat(xs), torch.cat(ys)


def mlp(hidden=64, classes=3):
    return nn.Sequential(nn.Linear(2, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(),
                         nn.Linear(hidden, classes))


def accuracy(logits, labels):
    return (logits.argmax(dim=1) == labels).float().mean().item()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--logdir", default="runs/demo", help="folder of the runs (default: runs/demo)")
    parser.add_argument("--steps", type=int, default=600, help="training steps (default: 600)")
    parser.add_argument("--lrs", type=float, nargs="+", default=[0.003, 0.03], help="learning rates, one run each")
    parser.add_argument("--delay", type=float, default=0.05, help="seconds to wait after each step, to watch it")
    args = parser.parse_args()
    torch.set_num_threads(1)  # tensors this small train fastest on one thread

    generator = torch.Generator().manual_seed(0)
    train_x, train_y = spiral(200, generator=generator)
    val_x, val_y = spiral(100, generator=generator)

    runs = []
    for lr in args.lrs:
        torch.manual_seed(0)  # the same initial weights for every learning rate
        model = mlp()
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        # flush_secs=1: events reach the file within a second, so a watcher sees them live.
        writer = SummaryWriter(log_dir=f"{args.logdir}/lr{lr:g}", flush_secs=1)
        runs.append((model, optimizer, writer))

    loss_fn = nn.CrossEntropyLoss()
    for step in range(args.steps):
        for model, optimizer, writer in runs:
            model.train()
            optimizer.zero_grad()
            logits = model(train_x)
            loss = loss_fn(logits, train_y)
            loss.backward()
            optimizer.step()

            model.eval()
            with torch.no_grad():
                val_logits = model(val_x)
                val_loss = loss_fn(val_logits, val_y).item()
            writer.add_scalar("train/loss", loss.item(), step)
            writer.add_scalar("train/acc", accuracy(logits, train_y), step)
            writer.add_scalar("val/loss", val_loss, step)
            writer.add_scalar("val/acc", accuracy(val_logits, val_y), step)
            if step % 10 == 0:
                writer.add_histogram("layer0/weight", model[0].weight, step)
        if not math.isclose(args.delay, 0.0):
            time.sleep(args.delay)

    for _, _, writer in runs:
        writer.close()


if __name__ == "__main__":
    main()
