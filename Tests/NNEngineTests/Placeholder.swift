// Tests of NNEngine.
