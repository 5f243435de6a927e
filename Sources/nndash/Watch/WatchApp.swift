import Dispatch
import Foundation
import NNCharts
import NNRuns
import NNTerminal

/// The live watch view: polls a `RunWatcher` on a main-queue timer and draws its runs in a
/// `TerminalLoop`.
@MainActor
final class WatchApp: TerminalScreen {
    private let loop = TerminalLoop()
    private let watcher: RunWatcher
    private let interval: Double
    private var screen = WatchScreen()
    private var note: String?
    private var timer: (any DispatchSourceTimer)?

    /// - Parameters:
    ///   - watcher: the runs to follow, already checked.
    ///   - interval: seconds between two polls.
    init(watcher: RunWatcher, interval: Double) {
        self.watcher = watcher
        self.interval = interval
    }

    /// Shows the runs until `q` or a signal; never returns.
    func run() -> Never {
        poll()
        let timer = DispatchSource.makeTimerSource(queue: .main)
        timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(20))
        timer.setEventHandler { [weak self] in MainActor.assumeIsolated { self?.poll() } }
        timer.resume()
        self.timer = timer
        loop.run(self)
    }

    private func poll() {
        let update = watcher.poll()
        if screen.update(from: watcher.runs, restarted: update.restarted) { loop.scheduleRedraw() }
    }

    func handle(_ key: Key) {
        switch screen.handle(key, runs: watcher.runs) {
        case .quit: loop.quit(status: 0)
        case .export: export()
        case .rebuild, nil: break
        }
    }

    func render(into buffer: inout Buffer) {
        screen.render(into: &buffer, unicode: loop.terminal.isUTF8, colorMode: loop.terminal.colorMode, note: note)
    }

    func willQuit() {
        timer?.cancel()
    }

    private func export() {
        let (width, height) = loop.terminal.size
        var buffer = Buffer(width: width, height: height)
        screen.renderSelected(into: &buffer, unicode: loop.terminal.isUTF8)
        let name = "nndash-watch-\(Int(Date().timeIntervalSince1970)).txt"
        do {
            try (buffer.plainText + "\n").write(toFile: name, atomically: true, encoding: .utf8)
            note = "exported to \(name)"
        } catch {
            note = "export failed: \(error.localizedDescription)"
        }
    }
}
