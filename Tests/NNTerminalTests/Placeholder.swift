// Tests of NNTerminal.
