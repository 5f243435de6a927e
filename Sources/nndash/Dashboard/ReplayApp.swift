import Foundation
import NNCharts
import NNRuns
import NNTerminal

/// A recorded study shown again in the dashboard, with the keys of the live one.
@MainActor
final class ReplayApp: TerminalScreen {
    private let loop = TerminalLoop()
    private let study: RecordedStudy
    private var view = ViewState()
    private var note: String?

    /// - Parameters:
    ///   - study: the recorded study to show.
    ///   - warning: a line about what could not be read, shown at the bottom.
    init(study: RecordedStudy, warning: String?) {
        self.study = study
        note = warning
    }

    /// Shows the study until `q` or a signal; never returns.
    func run() -> Never {
        loop.run(self)
    }

    func handle(_ key: Key) {
        switch view.handle(key, panelCount: study.screen.panels(for: study.report).count) {
        case .quit: loop.quit(status: 0)
        case .export: export()
        case .togglePause, .restart, nil: break
        }
    }

    func render(into buffer: inout Buffer) {
        DashboardRenderer(screen: study.screen).render(frame(colorMode: loop.terminal.colorMode), into: &buffer)
    }

    func willQuit() {}

    private func frame(colorMode: ColorMode) -> DashboardFrame {
        let steps = study.report.series.map(\.x.count).max() ?? 0
        return DashboardFrame(report: study.report, status: "replay", steps: steps, note: note, view: view,
                              unicode: loop.terminal.isUTF8, colorMode: colorMode)
    }

    private func export() {
        let (width, height) = loop.terminal.size
        var buffer = Buffer(width: width, height: height)
        DashboardRenderer(screen: study.screen).renderSelectedPanel(frame(colorMode: .none), into: &buffer)
        let name = "nndash-\(study.screen.study)-\(Int(Date().timeIntervalSince1970)).txt"
        do {
            try (buffer.plainText + "\n").write(toFile: name, atomically: true, encoding: .utf8)
            note = "exported to \(name)"
        } catch {
            note = "export failed: \(error.localizedDescription)"
        }
    }
}
