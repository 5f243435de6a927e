import Dispatch
import Foundation
import NNCharts
import NNText
import NNStudies
import NNTerminal
import Synchronization

/// The interactive dashboard: draws, in a `TerminalLoop`, the latest snapshot of a study
/// that runs on the runner's queue.
@MainActor
final class DashboardApp: TerminalScreen {
    private let loop = TerminalLoop()
    private let screen: any StudyScreen
    private var runner: Runner?
    private var controls: DashboardControls
    private var snapshot: Runner.Snapshot?
    private var recording: RunRecording?
    /// The run folder last named in the footer.
    private var announced: URL?
    private let inbox = Mailbox<Runner.Snapshot>()
    /// The series' colours (`--palette`).
    private let palette: Palette
    /// The charts' lines, fed only the points each frame adds.
    private let feed = LineFeed()

    private var terminal: Terminal { loop.terminal }

    init(screen: any StudyScreen, palette: Palette = .standard) {
        self.screen = screen
        self.palette = palette
        controls = DashboardControls(screen: screen, walk: Walkthrough.current.withLock { $0 })
    }

    /// Starts the study and the interface; never returns (the app exits on `q` or a signal).
    /// - Parameter mouse: whether the dashboard takes the mouse (`--no-mouse` leaves it to the terminal).
    func run(delay: Duration, makeStudy: @escaping @Sendable () -> any Study,
             recording: RunRecording?, mouse: Bool = true) -> Never {
        loop.mouse = mouse
        let inbox = self.inbox
        self.recording = recording
        var onRecord: (@Sendable ([MetricRecord], Int) -> Void)?
        if let recording {
            onRecord = { records, generation in recording.record(records, generation: generation) }
        }
        let runner = Runner(
            delay: delay, makeStudy: makeStudy, onRecord: onRecord,
            onUpdate: { snapshot in
                switch snapshot.status {
                case .finished, .stopped, .failed: recording?.finish(snapshot.state, generation: snapshot.generation)
                case .running, .paused: break
                }
                if inbox.put(snapshot) {
                    DispatchQueue.main.async { MainActor.assumeIsolated { App.current?.takeSnapshot() } }
                }
            })
        self.runner = runner
        App.current = self
        runner.start()
        loop.run(self)
    }

    fileprivate func takeSnapshot() {
        guard let latest = inbox.take() else { return }
        if let news = screen.news(since: snapshot?.state, now: latest.state) { say(news) }
        // Each new run folder (the first, each restart's) is named in the footer for a while.
        if let folder = recording?.lastFolder.withLock({ $0 }), folder != announced {
            announced = folder
            say("recording to \(folder.lastPathComponent)")
        }
        snapshot = latest
        loop.scheduleRedraw()
    }

    func handle(_ key: Key) {
        if case .mouse(let event) = key {
            let (width, height) = terminal.size
            controls.handle(event, placements: DashboardRenderer(screen: screen).placements(frame, width: width, height: height),
                            panels: screen.panels(of: snapshot?.state))
            return
        }
        switch controls.handle(key, state: snapshot?.state, width: terminal.size.width) {
        case .quit: loop.quit(status: 0)
        case .pause:
            if let runner { runner.setPaused(!runner.isPaused) }
        case .restart, .study(.restart): runner?.restart()
        case .export: export()
        case .study(.message): expireLater(controls.message.id)
        case .lessonStep(let step):
            if let walk = controls.walk { loop.replace(with: walk.arguments(forStep: step)) }
        default: break
        }
    }

    /// Shows `text` in the footer until a newer message or `TerminalLoop.messageLife` passes.
    private func say(_ text: String) { expireLater(controls.say(text)) }

    /// Clears footer message `id` once its time is over, unless a newer one replaced it.
    private func expireLater(_ id: Int) { loop.expireLater { [weak self] in self?.controls.expire(id) } }

    func render(into buffer: inout Buffer) {
        controls.keepHelpInRange(frame, width: buffer.width, height: buffer.height)
        DashboardRenderer(screen: screen, feed: feed).render(frame, into: &buffer)
    }

    /// What the next frame shows.
    private var frame: DashboardFrame {
        let note = Self.note(recording: recording, exported: controls.message.text)
        let status = runner?.isPaused == true ? "paused" : snapshot.map { Self.describe($0.status) } ?? "starting"
        return DashboardFrame(
            state: snapshot?.state, status: status, steps: snapshot?.steps ?? 0, note: note,
            recording: recording?.lastFolder.withLock({ $0 })?.lastPathComponent,
            failure: snapshot.flatMap(Self.failure), view: controls.view, unicode: terminal.isUTF8,
            colorMode: palette.mode(terminal.colorMode), palette: palette, walk: controls.walk)
    }

    func willQuit() {
        // Let the step in flight end, so the run's folder is closed with its findings.
        _ = runner?.stop(waitingAtMost: .seconds(1))
    }

    private func export() {
        let (width, height) = terminal.size
        let frame = DashboardFrame(
            state: snapshot?.state, status: "", steps: 0, note: nil,
            view: controls.view, unicode: terminal.isUTF8, colorMode: .none, palette: palette)
        say(DashboardRenderer(screen: screen).export(frame, width: width, height: height))
    }

    /// The status line's note: a recording problem while it lasts, else the footer's message
    /// (`exported`: where an export went, a checkpoint, a new run folder), else none, so the
    /// footer's room goes to the keys. Nothing is kept from an earlier frame, so a problem that
    /// is over (a restart recording again once space returned) is no longer shown.
    nonisolated static func note(recording: RunRecording?, exported: String?) -> String? {
        if let problem = recording?.problem.withLock({ $0 }) { return problem }
        return exported
    }

    /// The error message of a failed run, nil otherwise.
    static func failure(_ snapshot: Runner.Snapshot) -> String? {
        if case .failed(let message) = snapshot.status { return message }
        return nil
    }

    static func describe(_ status: Runner.Status) -> String {
        switch status {
        case .running: return "running"
        case .paused: return "paused"
        case .finished: return "finished"
        case .stopped: return "stopped"
        case .failed(let message): return "failed: \(message)"
        }
    }
}

/// The one dashboard of this process, reached from Dispatch handlers.
@MainActor
enum App {
    static var current: DashboardApp?
}
