import Dispatch
import Foundation
import NNCharts
import NNStudies
import NNTerminal
import Synchronization

/// The interactive dashboard: owns the terminal, keys and signals on the main queue, and
/// draws the latest snapshot of a study that runs on the runner's queue.
@MainActor
final class DashboardApp {
    private let terminal = Terminal()
    private let screen: any StudyScreen
    private var runner: Runner?
    private var view = ViewState()
    private var snapshot: Runner.Snapshot?
    private var note: String?
    private var recording: RunRecording?
    private var redrawPending = false
    private var sources: [any DispatchSourceProtocol] = []
    private let inbox = Inbox()

    init(screen: any StudyScreen) {
        self.screen = screen
    }

    /// Starts the study and the interface; never returns (the app exits on `q` or a signal).
    func run(delay: Duration, makeStudy: @escaping @Sendable () -> any Study,
             recording: RunRecording?) -> Never {
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
                case .finished, .stopped, .failed: recording?.finish(snapshot.report, generation: snapshot.generation)
                case .running, .paused: break
                }
                if inbox.put(snapshot) {
                    DispatchQueue.main.async { MainActor.assumeIsolated { App.current?.takeSnapshot() } }
                }
            })
        self.runner = runner
        App.current = self
        terminal.start()
        installSources()
        runner.start()
        scheduleRedraw()
        dispatchMain()
    }

    fileprivate func takeSnapshot() {
        guard let latest = inbox.take() else { return }
        snapshot = latest
        scheduleRedraw()
    }

    private func installSources() {
        let input = DispatchSource.makeReadSource(fileDescriptor: STDIN_FILENO, queue: .main)
        input.setEventHandler { MainActor.assumeIsolated { App.current?.handleInput() } }
        input.resume()
        sources.append(input)

        signal(SIGWINCH, SIG_IGN)
        let resize = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: .main)
        resize.setEventHandler { MainActor.assumeIsolated { App.current?.handleResize() } }
        resize.resume()
        sources.append(resize)

        for (sig, status) in [(SIGINT, 130), (SIGTERM, 143), (SIGHUP, 129)] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .main)
            source.setEventHandler {
                MainActor.assumeIsolated {
                    if let app = App.current { app.quit(status: Int32(status)) }
                }
            }
            source.resume()
            sources.append(source)
        }
    }

    private func handleInput() {
        for key in terminal.readKeys() {
            if key == .resize {
                handleResize()
                continue
            }
            let panelCount = snapshot.map { screen.panels(for: $0.report).count } ?? 0
            switch view.handle(key, panelCount: panelCount) {
            case .quit: quit(status: 0)
            case .togglePause:
                if let runner { runner.setPaused(!runner.isPaused) }
            case .restart: runner?.restart()
            case .export: export()
            case nil: break
            }
        }
        scheduleRedraw()
    }

    private func handleResize() {
        terminal.refreshSize()
        scheduleRedraw()
    }

    /// Coalesces redraws: however many updates arrive, one frame is pending at a time.
    private func scheduleRedraw() {
        guard !redrawPending else { return }
        redrawPending = true
        DispatchQueue.main.async { MainActor.assumeIsolated { App.current?.redraw() } }
    }

    private func redraw() {
        redrawPending = false
        let (width, height) = terminal.size
        var buffer = Buffer(width: width, height: height)
        if let problem = recording?.problem.withLock({ $0 }) {
            note = problem
        } else if note == nil, let folder = recording?.lastFolder.withLock({ $0 }) {
            note = "recording to \(folder.lastPathComponent)"
        }
        let status = runner?.isPaused == true ? "paused" : snapshot.map { Self.describe($0.status) } ?? "starting"
        let frame = DashboardFrame(
            report: snapshot?.report, status: status, steps: snapshot?.steps ?? 0, note: note,
            failure: snapshot.flatMap(Self.failure), view: view, unicode: terminal.isUTF8, colorMode: terminal.colorMode)
        DashboardRenderer(screen: screen).render(frame, into: &buffer)
        terminal.draw(buffer)
    }

    private func export() {
        let (width, height) = terminal.size
        var buffer = Buffer(width: width, height: height)
        let frame = DashboardFrame(
            report: snapshot?.report, status: "", steps: 0, note: nil,
            view: view, unicode: terminal.isUTF8, colorMode: .none)
        DashboardRenderer(screen: screen).renderSelectedPanel(frame, into: &buffer)
        let name = "nndash-\(screen.study)-\(Int(Date().timeIntervalSince1970)).txt"
        do {
            try (buffer.plainText + "\n").write(toFile: name, atomically: true, encoding: .utf8)
            note = "exported to \(name)"
        } catch {
            note = "export failed: \(error.localizedDescription)"
        }
    }

    private func quit(status: Int32) -> Never {
        runner?.stop()
        terminal.stop()
        exit(status)
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

/// Holds the newest snapshot between the runner's queue and the main queue.
final class Inbox: Sendable {
    private let slot = Mutex<(Runner.Snapshot?, Bool)>((nil, false))

    /// Stores `snapshot`; true when the main queue must be told (no delivery is pending).
    func put(_ snapshot: Runner.Snapshot) -> Bool {
        slot.withLock { state in
            let wasPending = state.1
            state = (snapshot, true)
            return !wasPending
        }
    }

    func take() -> Runner.Snapshot? {
        slot.withLock { state in
            let value = state.0
            state = (nil, false)
            return value
        }
    }
}
