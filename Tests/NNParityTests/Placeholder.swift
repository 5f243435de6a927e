// Tests of NNParity.
