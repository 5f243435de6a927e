// Tests of Nndash.
