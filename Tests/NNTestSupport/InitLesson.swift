import NNStudies

/// Lesson 002's deep network (100 layers of 256, batch 16, the study's defaults) run to its
/// end once per test process: the lesson's tests and the dashboard's overlap check both read
/// it, and in a debug build it takes seconds.
public enum InitLesson {
    /// The network `nndash init` runs without options.
    public static let configuration = InitializationDepth.Configuration()

    /// The finished study of `configuration`.
    public static let snapshot: InitializationDepth.Snapshot = {
        var study = InitializationDepth(configuration)
        while try! study.step() != nil {}
        return study.snapshot as! InitializationDepth.Snapshot
    }()
}
