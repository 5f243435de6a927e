"""Reference values of conv2d, the pools and batch_norm at parameters the main reference file
does not use (asymmetric "same" padding, unbatched input, dilated and ceil-mode pools,
divisor_override, batch_norm of 3-D input and without affine). Run: python3 layer_variants.py"""
import json, torch
import torch.nn.functional as F
torch.manual_seed(7)
cases = []
def t(x): return {"shape": list(x.shape), "data": x.detach().reshape(-1).tolist()}
def add(name, params, inputs, fn, extra=None):
    leaves = {k: v.clone().requires_grad_(v.is_floating_point()) for k, v in inputs.items()}
    out = fn(**leaves)
    g = torch.randn_like(out)
    out.backward(g)
    c = {"id": f"op/{name}/x{len(cases)}", "kind": "op", "name": name, "params": params,
         "inputs": {k: t(v) for k, v in inputs.items()}, "output": t(out), "grad_output": t(g),
         "grads": {k: (t(v.grad) if v.grad is not None else None) for k, v in leaves.items()}}
    if extra: c.update(extra())
    cases.append(c)
for (shape, w, p) in [
    ([1, 4, 9, 8], [8, 1, 3, 3], dict(stride=[2, 1], padding=[1, 0], dilation=[1, 2], groups=4)),
    ([2, 3, 6, 6], [2, 3, 2, 4], dict(stride=1, padding="same", dilation=1, groups=1)),
    ([2, 3, 6, 7], [4, 3, 3, 3], dict(stride=3, padding="valid", dilation=2, groups=1)),
    ([3, 5, 5], [2, 3, 3, 3], dict(stride=1, padding=1, dilation=1, groups=1)),
]:
    x, wt = torch.randn(shape), torch.randn(w)
    b = torch.randn(w[0]) if len(cases) % 2 == 0 else None
    ins = {"x": x, "weight": wt}
    if b is not None: ins["bias"] = b
    add("conv2d", p, ins, lambda x, weight, bias=None, p=p: F.conv2d(x, weight, bias, **p))
for p in [dict(kernel_size=[3, 2], stride=[2, 1], padding=[1, 1], dilation=[1, 2], ceil_mode=True),
          dict(kernel_size=3, stride=None, padding=1, dilation=2, ceil_mode=False),
          dict(kernel_size=2, stride=3, padding=0, dilation=1, ceil_mode=True)]:
    x = torch.randn(2, 3, 8, 7)
    add("max_pool2d", p, {"x": x}, lambda x, p=p: F.max_pool2d(x, **p))
for p in [dict(kernel_size=[3, 2], stride=[2, 1], padding=[1, 1], ceil_mode=True, count_include_pad=True, divisor_override=None),
          dict(kernel_size=3, stride=2, padding=1, ceil_mode=True, count_include_pad=True, divisor_override=None),
          dict(kernel_size=2, stride=None, padding=1, ceil_mode=False, count_include_pad=False, divisor_override=3)]:
    x = torch.randn(2, 3, 8, 7)
    add("avg_pool2d", p, {"x": x}, lambda x, p=p: F.avg_pool2d(x, **p))
for training, shape, affine in [(True, [5, 4, 3], True), (True, [3, 2, 4, 4], False), (False, [4, 3], True)]:
    c = shape[1]
    rm, rv = torch.randn(c), torch.rand(c) + 0.5
    x = torch.randn(shape)
    ins = {"x": x}
    if affine: ins.update(weight=torch.randn(c), bias=torch.randn(c))
    rm2, rv2 = rm.clone(), rv.clone()
    p = dict(training=training, momentum=0.3, eps=1e-3, running_mean=rm.tolist(), running_var=rv.tolist())
    add("batch_norm", p, ins, lambda x, weight=None, bias=None: F.batch_norm(x, rm2, rv2, weight, bias, training, 0.3, 1e-3),
        extra=lambda: {"running_after": {"mean": t(rm2), "var": t(rv2)}})
json.dump({"meta": {"tolerance": {"rtol": 1e-4, "atol": 1e-5}, "count": len(cases), "generator": f"torch {torch.__version__}"}, "cases": cases}, open("layer_variants.json", "w"))
print(len(cases))
