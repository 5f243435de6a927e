import NNCharts
import NNRuns
import NNStudies

/// How one study is shown: its panels, the findings beside them, and its own keys. Every
/// part is a projection of the study's typed snapshot: no screen reads JSON.
protocol StudyScreen: Sendable {
    /// The snapshot the study publishes.
    associatedtype Snapshot: StudySnapshot
    /// The subcommand name, e.g. `sweep`.
    var study: String { get }
    /// The header line, e.g. `learning-rate sweep on f(x) = (2x)²`; nil before the first snapshot.
    func title(for snapshot: Snapshot?) -> String
    /// The panels, in the order tab moves through them.
    func panels(for snapshot: Snapshot) -> [Panel]
    /// The side panel's lines: what the study has found so far, in words.
    func findings(for snapshot: Snapshot, unicode: Bool) -> [Finding]
    /// A sentence or two about the selected panel (`panel` indexes `panels(for:)`), shown at the
    /// top of the side panel, or above the charts when there is no side panel; nil for none.
    func caption(for snapshot: Snapshot, panel: Int) -> String?
    /// The study's own keys, for the footer and the `?` help; each press names what `handle` returns.
    var keys: [KeyBinding<StudyAction>] { get }
    /// Applies one of the study's own keys; nil when `key` is not one of them.
    func handle(_ key: Key) -> StudyAction?
    /// Whether the study is taking typed text: its `keys` are then the only keys.
    var isTyping: Bool { get }
    /// What the footer should say about a new snapshot (`old` is the one shown before), such
    /// as a checkpoint saved; nil for nothing.
    func news(since old: Snapshot?, now new: Snapshot) -> String?
}

extension StudyScreen {
    var keys: [KeyBinding<StudyAction>] { [] }
    func handle(_ key: Key) -> StudyAction? { nil }
    var isTyping: Bool { false }
    func caption(for snapshot: Snapshot, panel: Int) -> String? { nil }
    func news(since old: Snapshot?, now new: Snapshot) -> String? { nil }

    /// The news of any published snapshot; none for a snapshot of another study.
    func news(since old: (any StudySnapshot)?, now new: any StudySnapshot) -> String? {
        (new as? Snapshot).flatMap { news(since: old as? Snapshot, now: $0) }
    }

    /// The header line for any published snapshot (one of another study counts as none).
    func title(of state: (any StudySnapshot)?) -> String { title(for: state as? Snapshot) }

    /// The panels of any published snapshot; none for a snapshot of another study.
    func panels(of state: (any StudySnapshot)?) -> [Panel] { (state as? Snapshot).map { panels(for: $0) } ?? [] }

    /// The caption of the selected panel of any published snapshot; none for another study's.
    func caption(of state: (any StudySnapshot)?, panel: Int) -> String? {
        (state as? Snapshot).flatMap { caption(for: $0, panel: panel) }
    }

    /// The findings of any published snapshot; none for a snapshot of another study.
    func findings(of state: (any StudySnapshot)?, unicode: Bool) -> [Finding] {
        (state as? Snapshot).map { findings(for: $0, unicode: unicode) } ?? []
    }
}

/// What a study's own key asks of the app.
enum StudyAction: Equatable, Sendable {
    /// Only the view changed: draw again.
    case redraw
    /// The study's settings changed: start it again with them.
    case restart
    /// Only the view changed, and the footer says `message` (e.g. a checkpoint asked for).
    case message(String)
}
