// Tests of NNStudies.
