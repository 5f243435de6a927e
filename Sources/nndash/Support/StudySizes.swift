import NNStudies

/// How many points each study's options make, for `RunBudget`: the knowledge of which options
/// size which series, in one place.
private func listCount(_ text: String) -> Double { Double(text.split(separator: ",").count) }

extension Sweep: SizedStudyCommand {
    var sizeOptions: String { "--num \(num) --iterations \(iterations)" }
    var estimatedPoints: Double { Double(num) * Double(iterations + 1) }
}

extension GD: SizedStudyCommand {
    var sizeOptions: String { "--iterations \(iterations)" }
    var estimatedPoints: Double { Double(iterations + 1) * 4 }
}

extension Momentum: SizedStudyCommand {
    var sizeOptions: String { "--iterations \(iterations) --points \(points)" }
    var estimatedPoints: Double { listCount(runs) * Double(iterations + 1) * 2 + (listCount(betas) + 1) * Double(points) * 2 }
}

extension Optimizers: SizedStudyCommand {
    var sizeOptions: String { "--iterations \(iterations)" }
    var estimatedPoints: Double { Double(optimizers.count) * Double(iterations + 1) * 2 }
}

extension Activations: SizedStudyCommand {
    var sizeOptions: String { "--points \(points)" }
    var estimatedPoints: Double { Double(points) * Double(ActivationGallery.activations.count) * 2 }
}

extension InitStudy: SizedStudyCommand {
    var sizeOptions: String { "--layers \(layers)" }
    var estimatedPoints: Double { Double(layers) * 10 }
}

extension Losses: SizedStudyCommand {
    var sizeOptions: String { "--points \(points)" }
    /// About twenty losses, each with its gradient.
    var estimatedPoints: Double { Double(points) * 40 }
}

extension Regression: SizedStudyCommand {
    var sizeOptions: String { "--epochs \(epochs)" }
    var estimatedPoints: Double { listCount(runs) * Double(epochs + 1) * 3 }
}

extension Backprop: SizedStudyCommand {
    var sizeOptions: String { "--steps \(steps)" }
    var estimatedPoints: Double { Double(steps + 1) * 16 }
}

extension LRFind: SizedStudyCommand {
    var sizeOptions: String { "--num-iter \(numIter)" }
    var estimatedPoints: Double { Double(numIter) * 3 }
}

extension OptimAPI: SizedStudyCommand {
    var sizeOptions: String { "--actions" }
    /// Each call records about sixty values.
    var estimatedPoints: Double { (listCount(actions) + 1) * 64 }
}

extension Concepts: SizedStudyCommand {
    var sizeOptions: String { "--points \(points)" }
    /// The entropy curve twice (p and H), in each of three steps' records, and a few dozen numbers.
    var estimatedPoints: Double { Double(points) * 6 + 100 }
}
