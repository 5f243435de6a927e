#!/bin/sh
# A tour of every nndash study as text: each subcommand in --plain mode with its seed's values
# (shortened where a full run would print the same picture), without recording runs.
# Usage: demos/tour.sh [path/to/nndash]   (default: nndash on PATH, else .build/debug/nndash)
set -eu

NNDASH=${1:-$(command -v nndash || echo .build/debug/nndash)}

show() {
    printf '\n$ nndash %s --plain\n' "$*"
    "$NNDASH" "$@" --plain --no-record
}

show sweep
show sweep --function quartic --scale log --lr-min 0.001 --lr-max 0.5 --num 6
show gd --lr 0.125
show gd --lr 1
show momentum
show optimizers --function rosenbrock --iterations 300
show optimizers --function saddle --iterations 150
show activations
show init
show losses
show regression --epochs 2000
show backprop
show backprop --lr 0.5 --steps 1000
show optim-api
show optim-api --optimizer Adam --loss sum --actions step,step,zero-grad-off,step,add-group,save,load,step
show concepts
show dead-relu
