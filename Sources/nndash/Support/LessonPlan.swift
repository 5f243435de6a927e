/// The five lessons nndash comes from, each as the experiments it runs in its order: which
/// command shows each one with the lesson's parameters, and what to look at there.
/// `nndash lesson N` walks through them; the README's table maps every item to these commands.
struct LessonPlan: Sendable {
    /// One experiment of a lesson: a command line of nndash and what to look at in it.
    struct Step: Sendable, Equatable {
        /// What the lesson does here, in a few words.
        var topic: String
        /// The subcommand and its options, as typed after `nndash`.
        var arguments: [String]
        /// What to look at on the dashboard, written for this walkthrough.
        var look: String
    }

    var number: Int
    var title: String
    var steps: [Step]

    /// The plan of lesson `number`, nil past the last.
    static func lesson(_ number: Int) -> LessonPlan? { all.indices.contains(number) ? all[number] : nil }

    static let all: [LessonPlan] = [
        LessonPlan(number: 0, title: "losses, the optimizer, gradient descent, momentum", steps: [
            Step(topic: "loss, cost and objective",
                 arguments: ["concepts"],
                 look: "A loss is one sample's error, the cost their mean over the data, the objective the cost plus "
                    + "a penalty on the parameters (λ·Σθ²): the quantity the optimizer actually lowers."),
            Step(topic: "CrossEntropy, NLL, BCE and BCEWithLogits with weight, pos_weight and reduction",
                 arguments: ["losses"],
                 look: "Tab to the table \"lesson 002: CrossEntropy, NLL, BCE\" (lesson 000 uses the same inputs): "
                    + "each loss under none, sum and mean. weight [0.7, 0.3] divides by the summed weights of the "
                    + "targets; pos_weight 3 triples a positive's term (0.3133 → 0.9398). i types your own example."),
            Step(topic: "the optimizer: defaults, state, param_groups, zero_grad, step, add_param_group, state_dict",
                 arguments: ["optim-api"],
                 look: "Each key makes the next call (n step, g zero_grad on/off, a add a group, c save, o load). Watch "
                    + ".grad become None after zero_grad() and add up when it is skipped, the momentum buffer appear "
                    + "in the state after the first step, and a loaded optimizer carry on as the saved one."),
            Step(topic: "gradient descent on y = (2x)² with lr 1, 4 iterations",
                 arguments: ["gd", "--lr", "1", "--iterations", "4"],
                 look: "x goes 2, −14, 98: each step multiplies x by 1 − 8·lr = −7, so lr 1 diverges. "
                    + "The loss panel's line leaves the chart at once."),
            Step(topic: "the same with lr 0.2, 20 iterations",
                 arguments: ["gd", "--lr", "0.2", "--iterations", "20"],
                 look: "Now the factor is 1 − 8·0.2 = −0.6: x changes sign every step and shrinks by 0.6, "
                    + "so the loss falls by 0.36 a step. Compare with the lesson's other rates 0.5, 0.1 and 0.125."),
            Step(topic: "a learning-rate sweep: linspace(0.01, 0.2, 10), 100 iterations each",
                 arguments: ["sweep", "--lr-min", "0.01", "--lr-max", "0.2", "--num", "10", "--iterations", "100"],
                 look: "Which rate ends lowest: the error shrinks by |1 − 8·lr| a step, so 0.125 would be exact and "
                    + "0.1156 is the best of this grid (the lesson reads 0.136 off its plot). Large rates overshoot."),
            Step(topic: "momentum: lr 0.01 with momentum 0.9 against lr 0.03 without; weighted averages",
                 arguments: ["momentum"],
                 look: "The side panel gives each run two clocks: momentum reaches 1% of the start loss first, but "
                    + "rings around 0 and reaches 1e-6 later. The weights panel plots (1−β)βᵗ: they sum to 1 − β^N."),
            Step(topic: "the optimizers of torch.optim on one function",
                 arguments: ["optimizers"],
                 look: "Each optimizer's path over the Rosenbrock valley and its loss; f switches the function. "
                    + "Adaptive methods (Adam, RMSprop) rescale each coordinate; SGD follows the raw gradient."),
        ]),
        LessonPlan(number: 1, title: "SGD, learning rate, momentum, Nesterov, a LeNet", steps: [
            Step(topic: "gradient descent on y = (2x)² with lr 0.02, 20 iterations",
                 arguments: ["gd", "--lr", "0.02", "--iterations", "20"],
                 look: "A small rate: x shrinks by 1 − 8·0.02 = 0.84 a step without changing sign, "
                    + "so the loss creeps down. [ and ] try the lesson's other rates."),
            Step(topic: "the optimizer's attributes and methods",
                 arguments: ["optim-api"],
                 look: "defaults, state and param_groups, then what zero_grad(), step(), add_param_group(), "
                    + "state_dict() and load_state_dict() change, one call a key."),
            Step(topic: "learning rates linspace(0.01, 0.2, 10)",
                 arguments: ["sweep", "--lr-min", "0.01", "--lr-max", "0.2", "--num", "10", "--iterations", "100"],
                 look: "Too small is slow, too large oscillates: compare where each rate's loss line "
                    + "ends and how it gets there."),
            Step(topic: "momentum and Nesterov",
                 arguments: ["momentum", "--runs", "0.01:0.9,0.01:0.9:nesterov,0.01:0"],
                 look: "Nesterov evaluates the gradient where momentum is about to take x: it rings less than plain "
                    + "momentum at the same lr and μ. The update formulas are in the side panel."),
            Step(topic: "a LeNet, batch 16, SGD lr 0.0125 momentum 0.9, StepLR(10, 0.1), 10 epochs",
                 arguments: ["train", "--model", "lenet", "--data", "shapes", "--batch-size", "16", "--optimizer", "SGD",
                             "--lr", "0.0125", "--momentum", "0.9", "--scheduler", "StepLR", "--step-size", "10",
                             "--gamma", "0.1", "--epochs", "10"],
                 look: "Generated shapes stand in for the banknote photos (train --recipe lesson001 --data folder:PATH "
                    + "takes a real folder). Watch train against validation loss and accuracy: the side panel (or the line above "
                    + "the charts) names the epoch of the lowest validation loss and any epoch where it rose while training "
                    + "loss fell (overfitting). Tab to the learning rate: StepLR(10) would first lower it after epoch 10, "
                    + "so in 10 epochs it never fires. The lesson's \"Valid\" lines print correct / total, the training "
                    + "counts, not correct_val / total_val: their Acc is the training accuracy; nndash's validation "
                    + "accuracy counts the validation images."),
        ]),
        LessonPlan(number: 2, title: "initialization and the loss functions", steps: [
            Step(topic: "a 100-layer, 256-wide MLP under N(0, 1), 1/√n, tanh, Xavier and Kaiming",
                 arguments: ["init"],
                 look: "N(0, 1) weights grow the std 16× a layer until float32 std() is NaN at layer 31 (the lesson's "
                    + "30, counting from 0). tanh with 1/√n vanishes; Xavier holds tanh, Kaiming holds ReLU, Xavier "
                    + "under ReLU explodes. The table compares calculate_gain with what each activation takes away."),
            Step(topic: "the 18 loss functions with the lesson's inputs",
                 arguments: ["losses"],
                 look: "Tab through the tables \"lesson 002\": every loss under none, sum and mean, and the value the "
                    + "lesson prints. Where the lesson's call is refused by current PyTorch the side panel says why."),
            Step(topic: "entropy, cross-entropy and KL divergence",
                 arguments: ["concepts"],
                 look: "Each row shows H(p, q) = H(p) + KL(p‖q) for the lesson's distributions: cross-entropy is the "
                    + "entropy plus what using q instead of p costs, so minimizing it over q minimizes KL."),
        ]),
        LessonPlan(number: 3, title: "activations, losses by hand, backpropagation", steps: [
            Step(topic: "sigmoid, tanh, ReLU, leaky ReLU and softmax with their gradients",
                 arguments: ["activations", "--low", "-10", "--high", "10", "--points", "100"],
                 look: "The lesson's grid linspace(−10, 10, 100). sigmoid's gradient peaks at 0.25 and vanishes in "
                    + "the tails; ReLU's is 0 for x ≤ 0; leaky ReLU keeps 0.1. Hidden layers take ReLU "
                    + "(gradient 1 for x > 0, nothing to saturate) or tanh (zero-centred); output layers take sigmoid "
                    + "for one probability and softmax for probabilities that sum to 1 over the classes; tab to a panel "
                    + "and its place in a network is written beside it."),
            Step(topic: "dead ReLU units, and leaky ReLU against them",
                 arguments: ["dead-relu"],
                 look: "The same network trained twice from the same weights. A large step pushes some ReLU units below 0 "
                    + "for every input: they get no gradient and never come back, and the loss stalls. Leaky ReLU's units "
                    + "keep a gradient and recover. ] raises the lr, { lowers the biases: more units die."),
            Step(topic: "MAE, MSE, SmoothL1, CrossEntropy and BCE worked examples",
                 arguments: ["losses"],
                 look: "Tab to the table \"lesson 003: worked examples\": MAE 0.6667, MSE 0.8333, SmoothL1 0.375, "
                    + "BCE 0.9608; the lesson's CrossEntropy 1.2466 is marked (differs): PyTorch gives 0.8966."),
            Step(topic: "backpropagation by hand on the 2-2-2 sigmoid network",
                 arguments: ["backprop"],
                 look: "Every forward value and every gradient of the network, step by step. The lesson's loss "
                    + "0.32193 drops a ½ on one term (0.298371 is right), and its w1–w4 apply the sigmoid twice."),
            Step(topic: "the chain rule", arguments: ["concepts"],
                 look: "The lesson's chain-rule example by autograd beside the product of its factors: backpropagation "
                    + "is this product taken layer by layer."),
        ]),
        LessonPlan(number: 4, title: "linear regression on thermometer readings", steps: [
            Step(topic: "hand-written gradients, lr 1e-4 on raw t_u, 100 epochs",
                 arguments: ["regression", "--runs", "SGD:1e-4:1", "--epochs", "100", "--val-fraction", "0"],
                 look: "The lesson's first loop (it prints epoch 100, loss 29.022667). The gradient panel puts the "
                    + "lesson's hand-written dloss_fn·dmodel_dw beside autograd's: they agree. On raw t_u "
                    + "∂L/∂w is about 55× ∂L/∂b, so a rate small enough for w barely moves b."),
            Step(topic: "the input scaled by 0.1, lr 1e-2, 5000 epochs (by hand, then with autograd)",
                 arguments: ["regression", "--runs", "SGD:1e-2:0.1", "--epochs", "5000", "--val-fraction", "0"],
                 look: "Scaling t_u by 0.1 lets a hundred times the rate converge: the lesson ends at loss 2.927647 "
                    + "with params [5.3671, −17.3012]. The side panel gives w on the scaled input and on raw t_u."),
            Step(topic: "optimizers: SGD and Adam on raw and scaled input",
                 arguments: ["regression"],
                 look: "optimizer.zero_grad(), backward(), step() do what the hand loop did. Adam rescales each "
                    + "parameter's step, so it copes with raw t_u where SGD needs the scaled input."),
            Step(topic: "a train/validation split by randperm, validation loss under no_grad, 3000 epochs",
                 arguments: ["regression", "--runs", "SGD:1e-2:0.1", "--epochs", "3000"],
                 look: "The last 20% of randperm(11) (seed 58) is held out, as in the lesson; the split panel prints "
                    + "its lines (epoch 3000: training 3.1869, validation 2.2012). Validation loss is computed "
                    + "before step() with gradients off; the side panel shows what no_grad did."),
        ]),
    ]
}
