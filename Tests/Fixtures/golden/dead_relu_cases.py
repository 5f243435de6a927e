"""Reference values for `nndash dead-relu` (lesson 003's dead ReLU units): the study's two networks,
ReLU and leaky ReLU from the same initial weights, trained by PyTorch. lesson_cases.py includes them;
run alone (python3 dead_relu_cases.py) it replaces only these cases in lesson_cases.json."""
import json, math, torch
import torch.nn as nn
import torch.nn.functional as F


# ---- the dead-relu study: lesson 003's dead ReLU units against leaky ReLU ---------------------
# Two moons of `n` points each (nndash's: angles evenly spaced on each half circle, noise from one
# randn of 4n values seeded `seed`), and the same 2 -> hidden -> 2 network twice: torch.manual_seed
# (seed) then nn.Linear(2, hidden), nn.Linear(hidden, 2), PyTorch's default initialization, the
# hidden bias shifted by bias_shift. Full-batch SGD on cross-entropy; per step, before the update,
# the loss, the share of hidden units whose pre-activation is <= 0 on every point (dead) and the
# share whose weights and bias got exactly zero gradient. At lr 6 leaky ReLU's run is chaotic
# after about 20 steps (float32 and float64 part), so the case stops before that.
def moons(n, seed, noise=0.1):
    jitter = torch.randn(4 * n, generator=torch.Generator().manual_seed(seed)).tolist()
    features, labels = [], []
    for k in range(2):
        for i in range(n):
            a = math.pi * (0 if n == 1 else i / (n - 1))
            x, y = (math.cos(a), math.sin(a)) if k == 0 else (1 - math.cos(a), 0.5 - math.sin(a))
            j = 2 * (k * n + i)
            features.append([x + noise * jitter[j], y + noise * jitter[j + 1]])
            labels.append(k)
    return torch.tensor(features, dtype=torch.float32), torch.tensor(labels)


def dead_relu_run(lr, hidden, steps, bias_shift, slope, seed, n, dtype):
    x, y = moons(n, seed)
    torch.manual_seed(seed)
    first, second = nn.Linear(2, hidden), nn.Linear(hidden, 2)
    with torch.no_grad():
        first.bias += bias_shift
    first, second, x = first.to(dtype), second.to(dtype), x.to(dtype)
    sgd = torch.optim.SGD(list(first.parameters()) + list(second.parameters()), lr=lr)
    run = {"loss": [], "dead": [], "silent": []}
    for _ in range(steps):
        z = first(x)
        loss = F.cross_entropy(second(F.relu(z) if slope == 0 else F.leaky_relu(z, slope)), y)
        dead = (z <= 0).all(0).sum().item()
        sgd.zero_grad()
        loss.backward()
        silent = ((first.weight.grad == 0).all(1) & (first.bias.grad == 0)).sum().item()
        sgd.step()
        run["loss"].append(loss.item())
        run["dead"].append(dead / hidden)
        run["silent"].append(silent / hidden)
    return run


def dead_relu(lr, hidden, steps, bias_shift, slope, seed, n, tag):
    runs = {}
    for label, s in (("relu", 0), (f"leaky_relu({slope:g})", slope)):
        run = dead_relu_run(lr, hidden, steps, bias_shift, s, seed, n, torch.float32)
        exact = dead_relu_run(lr, hidden, steps, bias_shift, s, seed, n, torch.float64)
        # The case holds only while float32 rounding has not yet changed the run.
        assert run["dead"] == exact["dead"] and run["silent"] == exact["silent"], label
        assert max(abs(a - b) / abs(b) for a, b in zip(run["loss"], exact["loss"])) < 1e-5, label
        runs[label] = run
    return {"id": f"experiment/dead_relu/{tag}", "kind": "experiment", "name": "dead_relu",
                  "generator": f"torch {torch.__version__}",
                  "params": {"lr": lr, "hidden": hidden, "steps": steps, "bias_shift": bias_shift,
                             "negative_slope": slope, "seed": seed, "points_per_class": n},
                  "runs": runs}


def cases():
    """The dead-relu cases: the study's defaults (lr 6) for the steps float32 follows exactly, and
    a smaller rate with the hidden biases shifted down (units start dead)."""
    return [dead_relu(6, 32, 20, 0, 0.1, 0, 150, "lesson003_lr6"),
            dead_relu(1, 16, 60, -1.5, 0.1, 3, 100, "bias_shift")]


if __name__ == "__main__":
    # Replaces only these cases in lesson_cases.json, keeping the others as their PyTorch made them
    # (each case here names the PyTorch that made it).
    document = json.load(open("lesson_cases.json"))
    document["cases"] = [c for c in document["cases"] if c["kind"] != "experiment" or c["name"] != "dead_relu"] + cases()
    document["meta"]["count"] = len(document["cases"])
    json.dump(document, open("lesson_cases.json", "w"))
    print(len(document["cases"]))
