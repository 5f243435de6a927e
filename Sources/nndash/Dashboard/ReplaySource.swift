import NNStudies

/// What replay plays back: a screen, the recorded steps, and the snapshot after any number of them.
protocol ReplaySource {
    var screen: any StudyScreen { get }
    /// The recorded steps, in order.
    var steps: [Double] { get }
    /// The snapshot as it was once the first `count` recorded steps were done.
    func state(steps count: Int) -> any StudySnapshot
}

extension ReplaySource {
    /// The snapshot of the whole recording.
    var wholeState: any StudySnapshot { state(steps: steps.count) }
}
