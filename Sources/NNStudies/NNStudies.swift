// NNStudies: the seed studies and their runner.
