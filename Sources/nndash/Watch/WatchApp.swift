import Dispatch
import Foundation
import NNCharts
import NNRuns
import NNTerminal

/// The live watch view: draws, in a `TerminalLoop`, the curves a `WatchFeed` reads on its
/// own queue.
@MainActor
final class WatchApp: TerminalScreen {
    private let loop = TerminalLoop()
    private var feed: WatchFeed?
    private var screen = WatchScreen()
    /// The footer's message: where an export went.
    private var message = FooterMessage()
    /// What the watcher skipped or repaired: the newest is shown in the footer while no
    /// other message is, and all are printed on standard error when the view quits.
    private var warnings: [String] = []

    /// Shows the runs `watcher` follows, read every `interval` seconds, until `q` or a
    /// signal; never returns.
    /// - Parameters:
    ///   - palette: the runs' colours (`--palette`).
    ///   - grid: the rows and columns of charts on a page (`--grid`); nil: as many as fit.
    ///   - mouse: whether the view takes the mouse (`--no-mouse` leaves it to the terminal).
    func run(watcher: RunWatcher, interval: Double, palette: Palette = .standard, grid: WatchGrid? = nil,
             mouse: Bool = true) -> Never {
        screen.palette = palette
        screen.view.grid = grid
        loop.mouse = mouse
        let feed = WatchFeed(watcher: watcher, interval: interval) {
            DispatchQueue.main.async { [weak self] in MainActor.assumeIsolated { self?.takeCurves() } }
        }
        self.feed = feed
        feed.start()
        loop.run(self)
    }

    private func takeCurves() {
        guard let curves = feed?.take() else { return }
        warnings = curves.warnings
        screen.show(curves)
        loop.scheduleRedraw()
    }

    func handle(_ key: Key) {
        if case .mouse(let event) = key {
            screen.handle(event)
            return
        }
        switch screen.handle(key) {
        case .quit: loop.quit(status: 0)
        case .export: export()
        case .rebuild: feed?.apply(screen.view.settings)
        case nil: break
        }
    }

    func render(into buffer: inout Buffer) {
        screen.render(into: &buffer, unicode: loop.terminal.isUTF8, colorMode: screen.palette.mode(loop.terminal.colorMode),
                      note: message.text ?? Self.note(warnings: warnings))
    }

    /// The footer's line for `warnings`: the newest, and how many there are when more than one.
    static func note(warnings: [String]) -> String? {
        guard let newest = warnings.last else { return nil }
        let more = warnings.count > 1 ? " (\(counted(warnings.count, "warning")) in all, printed on quitting)" : ""
        return "warning: \(newest.displaySafe)\(more)"
    }

    func willQuit() {}

    var farewell: [String] { warnings.map { "watch: \($0)" } }

    private func export() {
        let (width, height) = loop.terminal.size
        var buffer = Buffer(width: width, height: height)
        screen.renderSelected(into: &buffer, unicode: loop.terminal.isUTF8)
        let chart = screen.selectedChartData { [feed] run, tag in feed?.points(run: run, tag: tag) }
        let id = message.say(PanelExport.write(buffer, chart: chart, study: "watch", palette: screen.palette))
        loop.expireLater { [weak self] in self?.message.expire(id) }
    }
}
