import Synchronization

/// The step of a lesson that `nndash lesson N` opened in this process: the dashboard shows
/// where the learner is and what to look at, and `<` `>` open the neighbouring steps.
struct Walkthrough: Sendable, Equatable {
    var lesson: Int
    /// 1 for the first step.
    var step: Int
    var count: Int
    var topic: String
    var look: String
    /// The options the lesson was given that every step keeps (`--no-record`, `--runs-dir DIR`).
    var kept: [String] = []

    /// Set once by `nndash lesson` before the step's command runs; nil in every other command.
    static let current = Mutex<Walkthrough?>(nil)

    /// The command line that opens step `step` of the same lesson.
    func arguments(forStep step: Int) -> [String] {
        ["lesson", String(lesson), "--step", String(step)] + kept
    }

    /// The side panel's first lines: the step and what to look at.
    var findings: [Finding] {
        [Finding(text: "Lesson \(lesson), step \(step) of \(count): \(topic)", tone: .heading),
         Finding(text: look), Finding(text: "")]
    }
}
