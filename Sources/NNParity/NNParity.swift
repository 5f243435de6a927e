// NNParity: checks the engine against reference values computed by PyTorch.
