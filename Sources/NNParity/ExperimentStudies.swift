import NNStudies

/// The seed studies that `experiment` cases run, each made from the configuration a case
/// describes: parity checks the code users run, not a copy of it. A test replaces one with a
/// study whose maths differ, to show that its cases then fail.
struct ExperimentStudies: Sendable {
    var gradientDescent: @Sendable (GradientDescent.Configuration) -> GradientDescent = { GradientDescent($0) }
    var sweep: @Sendable (LearningRateSweep.Configuration) -> LearningRateSweep = { LearningRateSweep($0) }
    var backprop: @Sendable (Backprop222.Configuration) -> Backprop222 = { Backprop222($0) }
    var momentum: @Sendable (MomentumComparison.Configuration) -> MomentumComparison = { MomentumComparison($0) }
    var regression: @Sendable (TemperatureRegression.Configuration) -> TemperatureRegression = { TemperatureRegression($0) }

    /// Steps `study` to its end and returns its snapshot as `Snapshot`.
    static func finished<S: Study, Snapshot>(_ study: S, as _: Snapshot.Type) throws -> Snapshot {
        var study = study
        while try study.step() != nil {}
        guard let snapshot = study.snapshot as? Snapshot else { throw ParityError.unsupported("the \(S.name) study's snapshot") }
        return snapshot
    }
}
