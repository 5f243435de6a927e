/// Sets each group's learning rate to its base rate times a function of the epoch.
public final class LambdaLR: LRScheduler {
    private let lambdas: [(Int) -> Double]

    /// - Parameters:
    ///   - lrLambdas: one function of the epoch per group, or a single one for all groups.
    ///   - lastEpoch: -1 to start.
    public init(optimizer: Optimizer, lrLambdas: [(Int) -> Double], lastEpoch: Int = -1) throws {
        let groups = optimizer.paramGroups.count
        guard lrLambdas.count == 1 || lrLambdas.count == groups else {
            throw OptimizerError.invalidHyperparameter("Expected \(groups) lr_lambdas, but got \(lrLambdas.count)")
        }
        lambdas = lrLambdas.count == 1 ? Array(repeating: lrLambdas[0], count: groups) : lrLambdas
        try super.init(optimizer: optimizer, lastEpoch: lastEpoch)
    }

    /// One function of the epoch for every group.
    public convenience init(optimizer: Optimizer, lrLambda: @escaping (Int) -> Double, lastEpoch: Int = -1) throws {
        try self.init(optimizer: optimizer, lrLambdas: [lrLambda], lastEpoch: lastEpoch)
    }

    override public func computeLR() -> [Double] {
        zip(baseLRs, lambdas).map { base, lambda in base * lambda(lastEpoch) }
    }
}
