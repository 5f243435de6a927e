"""Reference values for `nndash regression`, computed with PyTorch as lesson 004 computes them:
the train/validation split (randperm's last n_val held out) trained with SGD lr 1e-2 on 0.1*t_u,
each epoch's validation loss taken before step(), printed at the epochs the lesson prints; and
the gradient at w = 1, b = 0 by the lesson's grad_fn and by autograd, raw and scaled.
Run: python3 regression_split.py > regression_split.json"""
import json
import torch
import torch.optim as optim

t_c = torch.tensor([0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0])
t_u = torch.tensor([35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4])


def model(t_u, w, b):
    return w * t_u + b


def loss_fn(t_p, t_c):
    return ((t_p - t_c) ** 2).mean()


def grad_fn(t_u, t_c, t_p):
    dloss_dtp = 2 * (t_p - t_c) / t_p.size(0)
    return torch.stack([(dloss_dtp * t_u).sum(), (dloss_dtp * 1.0).sum()])


def split(seed, epochs=3000):
    torch.manual_seed(seed)
    n_samples = t_u.shape[0]
    n_val = int(0.2 * n_samples)
    shuffled = torch.randperm(n_samples)
    train_idx, val_idx = shuffled[:-n_val], shuffled[-n_val:]
    params = torch.tensor([1.0, 0.0], requires_grad=True)
    optimizer = optim.SGD([params], lr=1e-2)
    lines = []
    for epoch in range(1, epochs + 1):
        train_loss = loss_fn(model(0.1 * t_u[train_idx], *params), t_c[train_idx])
        with torch.no_grad():
            val_loss = loss_fn(model(0.1 * t_u[val_idx], *params), t_c[val_idx])
        optimizer.zero_grad()
        train_loss.backward()
        optimizer.step()
        if epoch <= 3 or epoch % 500 == 0:
            lines.append({"epoch": epoch, "train_loss": train_loss.item(), "validation_loss": val_loss.item(),
                          "printed": f"Epoch {epoch}, Training loss {train_loss.item():.4f},"
                                     f" Validation loss {val_loss.item():.4f}"})
    return {"seed": seed, "epochs": epochs, "permutation": shuffled.tolist(), "train_indices": train_idx.tolist(),
            "validation_indices": val_idx.tolist(), "final_params": params.tolist(), "lines": lines}


def gradients(scale):
    params = torch.tensor([1.0, 0.0], requires_grad=True)
    t_p = model(scale * t_u, *params)
    loss_fn(t_p, t_c).backward()
    return {"input_scale": scale, "grad_fn": grad_fn(scale * t_u, t_c, t_p.detach()).tolist(),
            "autograd": params.grad.tolist()}


print(json.dumps({"generator": f"torch {torch.__version__}",
                  "splits": [split(58), split(0, epochs=500)],
                  "gradients": [gradients(1.0), gradients(0.1)]}, indent=1))
