"""Reference values for the loss examples of lessons 002 and 003 (their inputs, every reduction)
and for engine behaviours that once differed from PyTorch: MarginRankingLoss at a tie, CTCLoss's
gradient on a lesson-sized batch, hardswish at x = -3 and 3, std of float32 values whose sum
overflows (the 100-layer N(0, 1) network), Adagrad's initial_accumulator_value and L-BFGS's
max_eval (read from the constructor, not from a group), every optimizer's options changed in a
param group after construction (and group values PyTorch never checks), SparseAdam refusing
dense gradients, and the dead-relu study's ReLU and leaky ReLU networks (lesson 003).
Run: python3 lesson_cases.py"""
import copy, json, torch
import torch.nn as nn
import torch.nn.functional as F

cases = []
gen = torch.Generator().manual_seed(16)


def t(x, integer=False):
    d = {"shape": list(x.shape), "data": x.detach().reshape(-1).tolist()}
    if integer:
        d["dtype"] = "int"
    return d


def loss(name, params, inputs, make, tag):
    """One loss case: `make(**params)` is the module; float inputs other than the target get gradients."""
    leaves = {k: (v.clone().requires_grad_(True) if v.is_floating_point() and k != "target" else v)
              for k, v in inputs.items()}
    module = make(**params)
    args = [leaves[k] for k in inputs]
    out = module(*args)
    g = torch.randn(out.shape, generator=gen)
    out.backward(g)
    cases.append({
        "id": f"loss/{name}/{tag}/{params.get('reduction', 'mean')}", "kind": "loss", "name": name,
        "params": {k: (v.tolist() if torch.is_tensor(v) else v) for k, v in params.items()},
        "inputs": {k: t(v, not v.is_floating_point()) for k, v in inputs.items()},
        "output": t(out), "grad_output": t(g),
        "grads": {k: t(v.grad) for k, v in leaves.items() if torch.is_tensor(v) and v.grad is not None}})


REDUCTIONS = ["none", "sum", "mean"]


def every_reduction(name, inputs, make, tag, extra=None, reductions=REDUCTIONS):
    for r in reductions:
        loss(name, {**(extra or {}), "reduction": r}, inputs, make, tag)


# ---- lesson 002: the 18 losses with the lesson's inputs -------------------------------------
logits3 = torch.tensor([[1., 2.], [1., 3.], [1., 3.]])
classes3 = torch.tensor([0, 1, 1])
for w in [None, [1., 2.], [0.7, 0.3]]:
    extra = {} if w is None else {"weight": w}
    every_reduction("CrossEntropyLoss", {"input": logits3, "target": classes3},
                    lambda reduction, weight=None: nn.CrossEntropyLoss(
                        weight=None if weight is None else torch.tensor(weight), reduction=reduction),
                    "lesson002" + ("" if w is None else f"_w{w[0]}_{w[1]}"), extra)
every_reduction("NLLLoss", {"input": logits3, "target": classes3},
                lambda reduction, weight: nn.NLLLoss(weight=torch.tensor(weight), reduction=reduction),
                "lesson002", {"weight": [1., 1.]})
bce_logits = torch.tensor([[1., 2.], [2., 2.], [3., 4.], [4., 5.]])
bce_target = torch.tensor([[1., 0.], [1., 0.], [0., 1.], [0., 1.]])
every_reduction("BCELoss", {"input": torch.sigmoid(bce_logits), "target": bce_target},
                lambda reduction, weight: nn.BCELoss(weight=torch.tensor(weight), reduction=reduction),
                "lesson002", {"weight": [1., 1.]})
every_reduction("BCEWithLogitsLoss", {"input": bce_logits, "target": bce_target},
                lambda reduction, weight: nn.BCEWithLogitsLoss(weight=torch.tensor(weight), reduction=reduction),
                "lesson002", {"weight": [1., 1.]})
every_reduction("BCEWithLogitsLoss", {"input": bce_logits, "target": bce_target},
                lambda reduction, weight, pos_weight: nn.BCEWithLogitsLoss(
                    weight=torch.tensor(weight), pos_weight=torch.tensor(pos_weight), reduction=reduction),
                "lesson002_pos_weight3", {"weight": [1., 1.], "pos_weight": [3.]})
ones, threes = torch.ones(2, 2), torch.ones(2, 2) * 3
every_reduction("L1Loss", {"input": ones, "target": threes}, lambda reduction: nn.L1Loss(reduction=reduction), "lesson002")
every_reduction("MSELoss", {"input": ones, "target": threes}, lambda reduction: nn.MSELoss(reduction=reduction), "lesson002")
every_reduction("SmoothL1Loss", {"input": torch.linspace(-3, 3, steps=500), "target": torch.zeros(500)},
                lambda reduction: nn.SmoothL1Loss(reduction=reduction), "lesson002")
torch.manual_seed(1)
poisson_input, poisson_target = torch.randn(2, 2), torch.randn(2, 2)
every_reduction("PoissonNLLLoss", {"input": poisson_input, "target": poisson_target},
                lambda reduction, log_input, full: nn.PoissonNLLLoss(log_input=log_input, full=full, reduction=reduction),
                "lesson002", {"log_input": True, "full": False})
kl_input = torch.log(torch.tensor([[0.5, 0.3, 0.2], [0.2, 0.3, 0.5]]))
kl_target = torch.tensor([[0.9, 0.05, 0.05], [0.1, 0.7, 0.2]])
every_reduction("KLDivLoss", {"input": kl_input, "target": kl_target},
                lambda reduction, log_target: nn.KLDivLoss(reduction=reduction, log_target=log_target),
                "lesson002", {"log_target": False}, REDUCTIONS + ["batchmean"])
# The lesson's (3, 1) inputs against a (3,) target are refused by current PyTorch; as vectors the
# middle pair ties (x1 = x2 = 2), where the gradient is 0.
every_reduction("MarginRankingLoss", {"input1": torch.tensor([1., 2., 3.]), "input2": torch.tensor([2., 2., 2.]),
                                      "target": torch.tensor([1., 1., -1.])},
                lambda reduction, margin: nn.MarginRankingLoss(margin=margin, reduction=reduction),
                "lesson002_tie", {"margin": 0.0})
# Ties at a margin: -y (x1 - x2) + margin is exactly 0 in the first and last elements.
every_reduction("MarginRankingLoss", {"input1": torch.tensor([2., 2., 1., 3.]), "input2": torch.tensor([1., 2., 2., 1.]),
                                      "target": torch.tensor([1., 1., -1., 1.])},
                lambda reduction, margin: nn.MarginRankingLoss(margin=margin, reduction=reduction),
                "margin_tie", {"margin": 1.0}, ["none", "sum"])
every_reduction("MultiLabelMarginLoss", {"input": torch.tensor([[0.1, 0.2, 0.4, 0.8]]),
                                         "target": torch.tensor([[0, 3, -1, 1]])},
                lambda reduction: nn.MultiLabelMarginLoss(reduction=reduction), "lesson002")
every_reduction("SoftMarginLoss", {"input": torch.tensor([[0.3, 0.7], [0.5, 0.5]]),
                                   "target": torch.tensor([[-1., 1.], [1., -1.]])},
                lambda reduction: nn.SoftMarginLoss(reduction=reduction), "lesson002")
every_reduction("MultiLabelSoftMarginLoss", {"input": torch.tensor([[0.3, 0.7, 0.8]]), "target": torch.tensor([[0., 1., 1.]])},
                lambda reduction: nn.MultiLabelSoftMarginLoss(reduction=reduction), "lesson002")
every_reduction("MultiMarginLoss", {"input": torch.tensor([[0.1, 0.2, 0.7], [0.2, 0.5, 0.3]]), "target": torch.tensor([1, 2])},
                lambda reduction: nn.MultiMarginLoss(reduction=reduction), "lesson002")
every_reduction("TripletMarginLoss", {"anchor": torch.tensor([[1.]]), "positive": torch.tensor([[2.]]),
                                      "negative": torch.tensor([[0.5]])},
                lambda reduction, margin, p: nn.TripletMarginLoss(margin=margin, p=p, reduction=reduction),
                "lesson002", {"margin": 1.0, "p": 1.0})
every_reduction("HingeEmbeddingLoss", {"input": torch.tensor([[1., 0.8, 0.5]]), "target": torch.tensor([[1., 1., -1.]])},
                lambda reduction, margin: nn.HingeEmbeddingLoss(margin=margin, reduction=reduction),
                "lesson002", {"margin": 1.0})
# The lesson's (1, 2) target is refused by current PyTorch: one label per pair, shape (2,).
every_reduction("CosineEmbeddingLoss", {"input1": torch.tensor([[0.3, 0.5, 0.7], [0.3, 0.5, 0.7]]),
                                        "input2": torch.tensor([[0.1, 0.3, 0.5], [0.1, 0.3, 0.5]]),
                                        "target": torch.tensor([1., -1.])},
                lambda reduction, margin: nn.CosineEmbeddingLoss(margin=margin, reduction=reduction),
                "lesson002", {"margin": 0.0})
# CTC at the lesson's size: T = 50 steps, C = 20 classes, N = 16 sequences, targets of 10 to 29.
torch.manual_seed(1)
T, C, N, S, S_min = 50, 20, 16, 30, 10
ctc_input = torch.randn(T, N, C).log_softmax(2)
ctc_target = torch.randint(low=1, high=C, size=(N, S), dtype=torch.long)
ctc_input_lengths = torch.full(size=(N,), fill_value=T, dtype=torch.long)
ctc_target_lengths = torch.randint(low=S_min, high=S, size=(N,), dtype=torch.long)
every_reduction("CTCLoss", {"log_probs": ctc_input, "targets": ctc_target, "input_lengths": ctc_input_lengths,
                            "target_lengths": ctc_target_lengths},
                lambda reduction, blank, zero_infinity: nn.CTCLoss(blank=blank, reduction=reduction, zero_infinity=zero_infinity),
                "lesson002", {"blank": 0, "zero_infinity": False})

# ---- lesson 003: the worked examples ----------------------------------------------------------
y_true, y_pred = torch.tensor([3.0, 5.0, 2.5]), torch.tensor([4.5, 5.0, 2.0])
every_reduction("L1Loss", {"input": y_pred, "target": y_true}, lambda reduction: nn.L1Loss(reduction=reduction), "lesson003")
every_reduction("MSELoss", {"input": y_pred, "target": y_true}, lambda reduction: nn.MSELoss(reduction=reduction), "lesson003")
every_reduction("SmoothL1Loss", {"input": y_pred, "target": y_true}, lambda reduction: nn.SmoothL1Loss(reduction=reduction), "lesson003")
every_reduction("CrossEntropyLoss", {"input": torch.tensor([[0.5, 0.3, 0.2], [0.3, 0.6, 0.1]]), "target": torch.tensor([0, 1])},
                lambda reduction: nn.CrossEntropyLoss(reduction=reduction), "lesson003")
every_reduction("BCELoss", {"input": torch.tensor([[0.1], [0.2], [0.7]]), "target": torch.tensor([[1.], [0.], [1.]])},
                lambda reduction: nn.BCELoss(reduction=reduction), "lesson003")


# ---- ops: hardswish at its kinks, std whose float32 sum overflows -----------------------------
def op(name, params, inputs, fn, tag):
    leaves = {k: v.clone().requires_grad_(True) for k, v in inputs.items()}
    out = fn(**leaves)
    g = torch.randn(out.shape, generator=gen)
    out.backward(g)
    cases.append({"id": f"op/{name}/{tag}", "kind": "op", "name": name, "params": params,
                  "inputs": {k: t(v) for k, v in inputs.items()}, "output": t(out), "grad_output": t(g),
                  "grads": {k: t(v.grad) for k, v in leaves.items()}})


op("hardswish", {}, {"x": torch.tensor([-4., -3., -2.999, -1., 0., 1., 2.999, 3., 4.])}, lambda x: F.hardswish(x), "kinks")
# The lesson's 100-layer network (256 wide, N(0, 1) weights, batch 16): the outputs of layers 30
# and 31. PyTorch sums float32 values in float32 for the mean, so at layer 31 that sum
# overflows to both infinities and std() is NaN (the double-precision std would be 2.05e37).
torch.manual_seed(1)
x = torch.randn(16, 256)
layers = [nn.Linear(256, 256, bias=False) for _ in range(100)]
entering = {}
with torch.no_grad():
    for i, layer in enumerate(layers[:31]):
        nn.init.normal_(layer.weight.data)
        x = layer(x)
        entering[i + 1] = x.clone()
for layer_number in (30, 31):
    op("std", {"dim": None, "unbiased": True, "keepdim": False}, {"x": entering[layer_number]}, lambda x: x.std(),
       f"mlp100_layer{layer_number}")
for tag, values in [("inf_sum", [3e38, 3e38, 1., 2.]), ("cancelling", [3e38, -3e38, 3e38, -3e38] + [1.] * 8),
                    ("halves", [3e38] * 8 + [-3e38] * 8)]:
    op("std", {"dim": None, "unbiased": True, "keepdim": False}, {"x": torch.tensor(values)}, lambda x: x.std(), tag)
    op("var", {"dim": None, "unbiased": True, "keepdim": False}, {"x": torch.tensor(values)}, lambda x: x.var(), tag)


# ---- optimizers: options PyTorch reads from its constructor only ------------------------------
def optimizer(name, groups, steps, tag, extra=None, shape=(3,)):
    torch.manual_seed(5)
    params = [torch.randn(shape).requires_grad_(True) for _ in groups]
    initial = [t(p) for p in params]
    opt = getattr(torch.optim, name)([{"params": [p], **g} for p, g in zip(params, groups)])
    grads, trajectory = [], []
    for s in range(steps):
        if extra and extra["at_step"] == s:
            q = extra["initial"].clone().requires_grad_(True)
            opt.add_param_group({"params": [q], **extra["hyper"]})
            params.append(q)
        gs = [torch.randn(p.shape) for p in params]
        for p, g in zip(params, gs):
            p.grad = g.clone()
        opt.step()
        grads.append([t(g) for g in gs])
        trajectory.append([t(p) for p in params])
    c = {"id": f"optimizer/{name}/{tag}", "kind": "optimizer", "name": name, "groups": groups, "initial": initial,
         "grads": grads, "trajectory": trajectory}
    if extra:
        c["extra_group"] = {"at_step": extra["at_step"], "hyper": extra["hyper"], "initial": t(extra["initial"])}
    cases.append(c)


# Adagrad fills every new parameter's accumulator with the constructor's initial_accumulator_value
# (0 here): a group's own value is never read.
optimizer("Adagrad", [{"lr": 0.1, "initial_accumulator_value": 0.7}, {"lr": 0.05}], 4, "group_initial_accumulator",
          extra={"at_step": 2, "hyper": {"lr": 0.2, "initial_accumulator_value": 2.5}, "initial": torch.tensor([0.5, -1.0, 2.0])})


def lbfgs(groups, steps, tag):
    p = torch.tensor([-1.5, 2.0], requires_grad=True)
    opt = torch.optim.LBFGS([{"params": [p], **groups[0]}])
    trajectory, losses = [], []

    def closure():
        opt.zero_grad()
        x, y = p[0], p[1]
        f = (1 - x) ** 2 + 100 * (y - x ** 2) ** 2
        f.backward()
        return f
    for _ in range(steps):
        losses.append(float(opt.step(closure)))
        trajectory.append([t(p)])
    cases.append({"id": f"optimizer/LBFGS/{tag}", "kind": "optimizer", "name": "LBFGS", "objective": "rosenbrock",
                  "groups": groups, "initial": [t(torch.tensor([-1.5, 2.0]))], "trajectory": trajectory,
                  "closure_losses": losses, "tolerance": 0.001})


# max_eval defaults to the constructor's max_iter * 5 // 4 (25): a group's max_iter of 4 does not lower it.
lbfgs([{"lr": 1.0, "max_iter": 4, "history_size": 10, "line_search_fn": "strong_wolfe"}], 4, "group_max_iter")
lbfgs([{"lr": 0.5, "max_iter": 6, "maximize": False, "history_size": 5, "line_search_fn": None}], 3, "group_max_iter_no_search")

# Options changed in a param group after construction: PyTorch's step reads each group's dict
# again, except where state was filled earlier (Rprop's step sizes start from the lr of the first
# step; Adagrad's sums from the constructor's initial_accumulator_value). Hyperparameters are
# checked only as constructor arguments, so a group's own value is never refused.
def optimizer_changed(name, groups, changes, steps, tag):
    torch.manual_seed(7)
    params = [torch.randn(3).requires_grad_(True) for _ in groups]
    initial = [t(p) for p in params]
    opt = getattr(torch.optim, name)([{"params": [p], **g} for p, g in zip(params, groups)])
    grads, trajectory = [], []
    for s in range(steps):
        for c in changes:
            if c["at_step"] == s:
                opt.param_groups[c["group"]][c["name"]] = c["value"]
        gs = [torch.randn(p.shape) for p in params]
        for p, g in zip(params, gs):
            p.grad = g.clone()
        opt.step()
        grads.append([t(g) for g in gs])
        trajectory.append([t(p) for p in params])
    cases.append({"id": f"optimizer/{name}/{tag}", "kind": "optimizer", "name": name, "groups": groups,
                  "initial": initial, "grads": grads, "trajectory": trajectory, "changes": changes})


def change(at_step, group, **values):
    return [{"at_step": at_step, "group": group, "name": k, "value": v} for k, v in values.items()]


changed = {
    "SGD": ([{"lr": 0.1, "momentum": 0.9}, {"lr": 0.05, "nesterov": True, "momentum": 0.0}],
            change(2, 0, lr=0.05, momentum=0.5, dampening=0.3, weight_decay=0.1) + change(3, 1, maximize=True, momentum=0.8)),
    "Adam": ([{"lr": 0.1}, {"lr": -0.05, "eps": -1e-3}],
             change(2, 0, lr=0.02, betas=[0.5, 0.9], eps=0.1, weight_decay=0.2) + change(3, 0, decoupled_weight_decay=True, maximize=True)),
    "AdamW": ([{"lr": 0.1}], change(2, 0, weight_decay=0.5, betas=[0.8, 0.99])),
    "Adamax": ([{"lr": 0.1}, {"lr": 0.2, "betas": [1.5, 0.9]}], change(2, 0, betas=[0.5, 0.5], eps=0.01, weight_decay=0.1, lr=0.3)),
    "NAdam": ([{"lr": 0.1}], change(2, 0, momentum_decay=0.1, betas=[0.8, 0.9]) + change(3, 0, decoupled_weight_decay=True, weight_decay=0.1)),
    "RAdam": ([{"lr": 0.1}], change(2, 0, betas=[0.8, 0.99], weight_decay=0.1) + change(6, 0, decoupled_weight_decay=True)),
    "RMSprop": ([{"lr": 0.01, "momentum": 0.9}, {"lr": 0.02, "alpha": -0.5}], change(2, 0, alpha=0.5, eps=0.1, momentum=0.3, lr=0.05, weight_decay=0.1)),
    "Rprop": ([{"lr": 0.01}], change(2, 0, lr=1.0, etas=[0.3, 1.5], step_sizes=[0.001, 0.02])),
    "Adadelta": ([{"lr": 1.0}, {"lr": 0.5, "rho": 1.5}], change(2, 0, rho=0.5, eps=0.01, lr=0.1, weight_decay=0.1)),
    "Adagrad": ([{"lr": 0.1}, {"lr": 0.1, "lr_decay": -0.1}], change(1, 0, initial_accumulator_value=5.0, lr_decay=0.5, eps=0.5, weight_decay=0.1)),
    "ASGD": ([{"lr": 0.1, "t0": 2}], change(2, 0, lr=0.05, lambd=0.1, alpha=0.5, t0=1.0, weight_decay=0.1)),
}
for name, (groups, changes) in changed.items():
    optimizer_changed(name, groups, changes, 8, "group_changed")

# ---- SparseAdam refuses dense gradients ---------------------------------------------------------
p = torch.randn(5, 3, requires_grad=True)
p.grad = torch.randn(5, 3)
try:
    torch.optim.SparseAdam([p]).step()
    raise SystemExit("SparseAdam accepted a dense gradient")
except RuntimeError as e:
    cases.append({"id": "optimizer_error/SparseAdam/dense", "kind": "optimizer_error", "name": "SparseAdam",
                  "groups": [{"lr": 0.01}], "initial": [t(p)], "grads": [t(p.grad)], "error": str(e)})

# ---- lesson 000's optimizer API: the calls of `nndash optim-api` ------------------------------------
# weight = torch.manual_seed(1); randn(2, 2), bias = zeros(2) in no group until add_param_group adds
# it; a step is zero_grad() (unless turned off: gradients add up), backward(), step(); load builds
# a new optimizer over copies of the parameters and loads the last state_dict(); the optimizer it
# replaced goes on beside it on its own copies. After every call: parameters, gradients (None as
# null), the state dict and the loss.
SESSION_X = torch.tensor([[0.5, 1.0], [1.0, -0.5], [-1.0, 0.5], [0.0, 1.5]])
SESSION_Y = torch.tensor([[0.0, 2.75], [2.0, 0.0], [-1.0, 1.0], [-1.0, 3.5]])


def session(name, lr, momentum, group_lr, loss_kind, actions, tag):
    def make(w):
        extra = {"momentum": momentum} if name in ("SGD", "RMSprop") else {}
        return getattr(torch.optim, name)([w], lr=lr, **extra)

    torch.manual_seed(1)
    weight = torch.randn(2, 2).requires_grad_(True)
    bias = torch.zeros(2, requires_grad=True)
    run = {"weight": weight, "bias": bias, "opt": make(weight), "added": False}
    other, saved, zero, steps, moments = None, None, True, 0, []

    def loss_of(r):
        if loss_kind == "sum":
            return r["weight"].sum() + r["bias"].sum()
        return F.mse_loss(SESSION_X @ r["weight"].T + r["bias"], SESSION_Y)

    def train(r):
        if zero:
            r["opt"].zero_grad()
        before = {k: (None if r[k].grad is None else r[k].grad.reshape(-1).tolist()) for k in ("weight", "bias")}
        loss = loss_of(r)
        loss.backward()
        r["opt"].step()
        return loss.item(), before

    def add(r):
        if not r["added"]:
            r["opt"].add_param_group({"params": r["bias"], "lr": group_lr})
            r["added"] = True

    def plain(value):
        if torch.is_tensor(value):
            return value.item() if value.dim() == 0 else value.reshape(-1).tolist()
        return list(value) if isinstance(value, tuple) else value

    for action in actions:
        m = {"call": action, "loss": None}
        if action == "step":
            m["loss"], m["grad_before_backward"] = train(run)
            if other is not None:
                train(other)
            steps += 1
        elif action == "zero-grad-on":
            zero = True
        elif action == "zero-grad-off":
            zero = False
        elif action == "add-group":
            add(run)
            if other is not None:
                add(other)
        elif action == "save":
            saved = copy.deepcopy(run["opt"].state_dict())
        elif action == "load":
            w = run["weight"].detach().clone().requires_grad_(True)
            b = run["bias"].detach().clone().requires_grad_(True)
            w.grad = None if run["weight"].grad is None else run["weight"].grad.clone()
            b.grad = None if run["bias"].grad is None else run["bias"].grad.clone()
            fresh = {"weight": w, "bias": b, "opt": make(w), "added": False}
            if run["added"]:
                add(fresh)
            fresh["opt"].load_state_dict(copy.deepcopy(saved))
            other, run = run, fresh
        sd = run["opt"].state_dict()
        m["params"] = {k: run[k].detach().reshape(-1).tolist() for k in ("weight", "bias")}
        m["grads"] = {k: (None if run[k].grad is None else run[k].grad.reshape(-1).tolist()) for k in ("weight", "bias")}
        m["state"] = {str(k): {n: plain(v) for n, v in st.items()} for k, st in sd["state"].items()}
        m["param_groups"] = [{k: plain(v) for k, v in g.items()} for g in sd["param_groups"]]
        if other is not None:
            m["gap_to_uninterrupted"] = max((run[k] - other[k]).abs().max().item() for k in ("weight", "bias"))
        moments.append(m)
    cases.append({"id": f"experiment/optimizer_session/{tag}", "kind": "experiment", "name": "optimizer_session",
                  "params": {"optimizer": name, "lr": lr, "momentum": momentum, "group_lr": group_lr,
                             "loss": loss_kind, "seed": 1, "actions": actions},
                  "moments": moments})


REWIND_ACTIONS = ["step", "step", "add-group", "step", "save", "step", "load", "step", "zero-grad-off", "step", "step"]
session("SGD", 0.1, 0.9, 0.0001, "mse", REWIND_ACTIONS, "lesson000_sgd")
session("Adam", 0.1, 0.9, 0.0001, "mse", REWIND_ACTIONS, "lesson000_adam")
# Lesson 000's own numbers: a gradient of ones (weight.grad set by hand), SGD(lr=1) one step;
# then SGD(lr=0.1, momentum=0.9) ten steps and its state_dict (momentum_buffer 6.5132).
session("SGD", 1.0, 0.0, 0.0001, "sum", ["step", "add-group"], "lesson000_step_lr1")
session("SGD", 0.1, 0.9, 0.0001, "sum", ["step"] * 10 + ["save", "load", "step"], "lesson000_ten_steps")
session("RMSprop", 0.01, 0.5, 0.001, "mse", ["step", "zero-grad-off", "step", "add-group", "step", "save", "step", "step", "load", "step"],
        "rmsprop_load_rewinds")
session("Rprop", 0.01, 0.9, 0.001, "mse", ["step", "add-group", "save", "step", "load", "step", "step"], "rprop")


# ---- the init study: lesson 002's 100-layer network under each initialization ------------------
# Every scheme draws its input and then each layer's weights from its own generator seeded
# seed + i, as `nndash init` does; after the last layer (or the one whose std overflowed) the mean
# output is backpropagated and the std of each layer's weight gradient taken. Under tanh with
# Xavier's gain the gradient grows toward the input (about 6 at layer 1 against 4e-4 at the last).
# That growth also amplifies rounding: each scheme's relative tolerance is four times the largest
# relative difference between PyTorch's own float32 run and the same weights in float64 (at
# least the file's 1e-4), so a case fails on a real difference, not on float32's.
def init_depth(layers, width, batch, seed):
    schemes = ["normal(0,1)", "normal/sqrt(n)", "tanh normal/sqrt(n)", "tanh xavier", "relu kaiming", "relu xavier"]
    result = {}
    for i, scheme in enumerate(schemes):
        g = torch.Generator().manual_seed(seed + i)
        x = first = torch.randn(batch, width, generator=g)
        weights, stds = [], []
        for _ in range(layers):
            w = torch.zeros(width, width)
            if scheme == "normal(0,1)":
                nn.init.normal_(w, 0, 1, generator=g)
            elif scheme in ("normal/sqrt(n)", "tanh normal/sqrt(n)"):
                nn.init.normal_(w, 0, 1 / width ** 0.5, generator=g)
            elif scheme in ("tanh xavier", "relu xavier"):
                nn.init.xavier_uniform_(w, gain=nn.init.calculate_gain("tanh"), generator=g)
            else:
                nn.init.kaiming_normal_(w, nonlinearity="relu", generator=g)
            w.requires_grad_(True)
            weights.append(w)
            x = x @ w.t()
            x = torch.tanh(x) if scheme.startswith("tanh") else torch.relu(x) if scheme.startswith("relu") else x
            stds.append(x.std().item())
            if not stds[-1] < float("inf") or stds[-1] < 1e-6:
                break
        x.mean().backward()
        grad_stds = [w.grad.std().item() for w in weights]
        rtol = 1e-4
        if scheme != "normal(0,1)":  # float64 would not overflow where float32 does
            h = first.double()
            doubles = [w.detach().double().requires_grad_(True) for w in weights]
            std64 = []
            for w in doubles:
                h = h @ w.t()
                h = torch.tanh(h) if scheme.startswith("tanh") else torch.relu(h) if scheme.startswith("relu") else h
                std64.append(h.std().item())
            h.mean().backward()
            pairs = list(zip(stds, std64)) + list(zip(grad_stds, [w.grad.std().item() for w in doubles]))
            rtol = max(rtol, 4 * max(abs(a - b) / abs(b) for a, b in pairs))
        result[scheme] = {"std": stds, "grad_std": grad_stds, "rtol": float(f"{rtol:.2g}")}
    cases.append({"id": f"experiment/init_depth/seed{seed}", "kind": "experiment", "name": "init_depth",
                  "params": {"layers": layers, "width": width, "batch": batch, "seed": seed}, "schemes": result})


init_depth(100, 256, 16, 0)
init_depth(100, 256, 16, 1)


# ---- the dead-relu study (lesson 003): see dead_relu_cases.py ---------------------------------
import dead_relu_cases
cases += dead_relu_cases.cases()


json.dump({"meta": {"tolerance": {"rtol": 1e-4, "atol": 1e-5}, "count": len(cases), "generator": f"torch {torch.__version__}"},
           "cases": cases}, open("lesson_cases.json", "w"))
print(len(cases))
