import NNRuns

/// Rebuilds a recorded run as the snapshot of its study.
public enum RecordedSnapshot {
    /// The studies whose snapshots replay knows how to rebuild.
    public static let types: [any StudySnapshot.Type] = [
        LearningRateSweep.Snapshot.self, GradientDescent.Snapshot.self, OptimizerPaths.Snapshot.self,
        MomentumComparison.Snapshot.self, InitializationDepth.Snapshot.self, Backprop222.Snapshot.self,
        LRFinder.Snapshot.self, TemperatureRegression.Snapshot.self, ActivationGallery.Snapshot.self,
        LossGallery.Snapshot.self, Training.Snapshot.self, OptimizerSession.Snapshot.self, LossConcepts.Snapshot.self,
        DeadUnits.Snapshot.self,
    ]

    /// The snapshot the recorded run describes; a study without a typed snapshot keeps its report.
    /// - Throws: `RecordedRunError` when the run's parameters are not its study's.
    public static func rebuild(_ recorded: StudyReport) throws(RecordedRunError) -> any StudySnapshot {
        guard let type = types.first(where: { $0.study == recorded.study }) else { return ReportSnapshot(report: recorded) }
        return try type.init(recorded: recorded)
    }
}
