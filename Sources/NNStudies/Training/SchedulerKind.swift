import NNEngine

/// The learning-rate schedules a training run can use, stepped once per epoch.
public enum SchedulerKind: String, CaseIterable, Sendable {
    case none, StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR, LinearLR, ConstantLR, PolynomialLR

    /// The scheduler over `optimizer` for a run of `epochs` epochs.
    ///
    /// - Parameters:
    ///   - stepSize: StepLR's period in epochs; MultiStepLR's milestones are its multiples.
    ///   - gamma: the decay factor of StepLR, MultiStepLR and ExponentialLR.
    public func make(optimizer: Optimizer, epochs: Int, stepSize: Int, gamma: Double) throws -> LRScheduler? {
        switch self {
        case .none: nil
        case .StepLR: try NNEngine.StepLR(optimizer: optimizer, stepSize: stepSize, gamma: gamma)
        case .MultiStepLR:
            try NNEngine.MultiStepLR(optimizer: optimizer, milestones: Array(stride(from: stepSize, to: Swift.max(epochs, stepSize + 1), by: stepSize)),
                                     gamma: gamma)
        case .ExponentialLR: try NNEngine.ExponentialLR(optimizer: optimizer, gamma: gamma)
        case .CosineAnnealingLR: try NNEngine.CosineAnnealingLR(optimizer: optimizer, tMax: epochs)
        case .LinearLR: try NNEngine.LinearLR(optimizer: optimizer)
        case .ConstantLR: try NNEngine.ConstantLR(optimizer: optimizer)
        case .PolynomialLR: try NNEngine.PolynomialLR(optimizer: optimizer, totalIters: epochs)
        }
    }
}
