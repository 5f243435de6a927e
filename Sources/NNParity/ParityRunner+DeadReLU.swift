import NNRuns
import NNStudies

/// Checks experiment `dead_relu`: `nndash dead-relu`'s own study run to its end, each network's
/// loss, share of dead hidden units and share of units without gradient at every step, against
/// PyTorch's on the same moons and the same initial weights.
extension ParityRunner {
    func checkDeadReLU(_ c: ParityCase) throws {
        let params = try c.require("params")
        let hidden = try c.integer("hidden", in: params, within: DeadUnits.Configuration.hiddenRange)
        let points = try c.integer("points_per_class", in: params, within: 1...100_000)
        let steps = try c.integer("steps", in: params, within: DeadUnits.Configuration.stepsRange)
        // Both networks see every point each step: keep the work within what a case may ask.
        guard 2 * points * hidden <= ParityLimits.maximumElements, steps * points <= ParityLimits.maximumSteps else {
            throw ParityError.malformed("hidden \(hidden), points_per_class \(points) and steps \(steps) are more than a case may run")
        }
        let configuration = DeadUnits.Configuration(
            lr: try c.number("lr", in: params), hidden: hidden, steps: steps, biasShift: try c.number("bias_shift", in: params),
            negativeSlope: try c.number("negative_slope", in: params),
            seed: UInt64(try c.integer("seed", in: params, within: 0...ParityLimits.integers.upperBound)), pointsPerClass: points)
        var study = DeadUnits(configuration)
        while try study.step() != nil {}
        guard let snapshot = study.snapshot as? DeadUnits.Snapshot else {
            throw ParityError.unsupported("the dead-relu study's snapshot")
        }
        let runs = try c.require("runs")
        for trace in snapshot.traces {
            let expected = try c.require(trace.label, in: runs)
            c.compare("\(trace.label) loss", expected: try c.numbers("loss", in: expected), actual: trace.loss)
            c.compare("\(trace.label) dead", expected: try c.numbers("dead", in: expected), actual: trace.dead)
            c.compare("\(trace.label) silent", expected: try c.numbers("silent", in: expected), actual: trace.silent)
        }
    }
}
