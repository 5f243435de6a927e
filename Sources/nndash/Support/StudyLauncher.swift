import Foundation
import NNCharts
import NNRuns
import NNStudies
import NNTerminal
import Synchronization

/// Runs a study the way its options ask: as a live dashboard, as text, or as JSON.
struct StudyLauncher {
    let options: StudyOptions
    let screen: any StudyScreen

    /// The delay between steps when none is given, in the dashboard.
    static let dashboardDelay = Duration.milliseconds(30)

    /// Set (in a test's task), a command hands its screen and study here instead of running
    /// them: how each lesson step's dashboard is drawn without a terminal.
    @TaskLocal static var handOver: (@Sendable (any StudyScreen, @escaping @Sendable () -> any Study) -> Void)?

    func launch(_ makeStudy: @escaping @Sendable () -> any Study) throws {
        if let handOver = Self.handOver { return handOver(screen, makeStudy) }
        try launch(makeStudy(), makeStudy)
    }

    /// Runs `first`; `makeStudy` builds each later start of the dashboard (`r`, changed settings).
    func launch(_ first: sending any Study, _ makeStudy: @escaping @Sendable () -> any Study) throws {
        if let handOver = Self.handOver { return handOver(screen, makeStudy) }
        // Each run is recorded with the parameters of the study that made it.
        let params = Mutex(first.params)
        let recording = options.noRecord ? nil : RunRecording(
            study: type(of: first).name, params: { params.withLock { $0 } },
            under: URL(fileURLWithPath: options.runsDir))
        let interactive = isatty(STDOUT_FILENO) == 1 && isatty(STDIN_FILENO) == 1
        if options.json || options.plain || !interactive {
            let state = try Self.runToEnd(first, delayMs: options.delayMs ?? 0, recording: recording)
            if options.json {
                Output.print(state.report.json.jsonText)
            } else {
                let size = options.plainSize
                Output.print(PlainReport(screen: screen, width: size.width, chartHeight: size.height)
                    .text(for: state, unicode: localeIsUTF8()))
            }
            if let problem = recording?.problem.withLock({ $0 }) {
                Output.printError("nndash: \(problem)")
            }
            return
        }
        let delay = options.delayMs.map { Duration.milliseconds($0) } ?? Self.dashboardDelay
        // The dashboard's first start runs `first`; each later one a study made then.
        let pending = Mutex<(any Study)?>(first)
        let starts: @Sendable () -> any Study = {
            let study = pending.withLock { $0.take() } ?? makeStudy()
            params.withLock { $0 = study.params }
            return study
        }
        MainActor.assumeIsolated { () -> Void in
            DashboardApp(screen: screen, palette: options.palette.palette).run(delay: delay, makeStudy: starts, recording: recording, mouse: !options.noMouse)
        }
    }

    /// Steps `study` until it finishes, on the calling thread, recording every step.
    /// - Parameter delayMs: a pause after each step, in milliseconds (`--delay-ms` in text output).
    static func runToEnd(_ study: any Study, delayMs: Int = 0, recording: RunRecording? = nil) throws -> any StudySnapshot {
        var study = study
        while let records = try study.step() {
            recording?.record(records, generation: 1)
            if delayMs > 0 { Thread.sleep(forTimeInterval: Double(delayMs) / 1000) }
        }
        let state = study.snapshot
        recording?.finish(state, generation: 1)
        return state
    }
}
