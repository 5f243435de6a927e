import NNRuns
import NNStudies

/// Checks experiment `init_depth`: `nndash init`'s own study run to its end, each scheme's output
/// std per layer and the std of each layer's weight gradient against PyTorch's for the same seeds.
extension ParityRunner {
    func checkInitDepth(_ c: ParityCase) throws {
        let params = try c.require("params")
        // A layer is width² weights: keep the study within what a case may allocate.
        let width = try c.integer("width", in: params, within: 1...2048)
        let configuration = InitializationDepth.Configuration(
            layers: try c.integer("layers", in: params, within: 1...1000), width: width,
            batch: try c.integer("batch", in: params, within: 1...ParityLimits.maximumElements / width),
            seed: UInt64(try c.integer("seed", in: params, within: 0...ParityLimits.integers.upperBound)))
        var study = InitializationDepth(configuration)
        while try study.step() != nil {}
        guard let snapshot = study.snapshot as? InitializationDepth.Snapshot else {
            throw ParityError.unsupported("the init study's snapshot")
        }
        let schemes = try c.require("schemes")
        for (i, scheme) in InitializationDepth.Scheme.allCases.enumerated() {
            let expected = try c.require(scheme.rawValue, in: schemes)
            // Rounding grows through the layers of some schemes: the case gives each its own
            // relative tolerance (from PyTorch's float32 against float64), never tighter than the file's.
            let rtol = c.field("rtol", in: expected)?.doubleValue ?? c.tolerance.rtol
            guard rtol.isFinite, rtol >= c.tolerance.rtol, rtol <= 0.05 else {
                throw ParityError.malformed("\(scheme.rawValue) rtol \(rtol) is not between the file's and 0.05")
            }
            let tolerance = Tolerance(rtol: rtol, atol: c.tolerance.atol)
            c.compare("\(scheme.rawValue) std", expected: try c.numbers("std", in: expected), actual: snapshot.stds[i],
                      tolerance: tolerance)
            c.compare("\(scheme.rawValue) grad_std", expected: try c.numbers("grad_std", in: expected),
                      actual: snapshot.gradientStds[i], tolerance: tolerance)
        }
    }
}
