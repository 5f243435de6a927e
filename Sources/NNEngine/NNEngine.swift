// NNEngine: float32 tensors with reverse-mode autograd and PyTorch semantics.
