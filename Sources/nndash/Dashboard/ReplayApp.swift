import Dispatch
import Foundation
import NNCharts
import NNRuns
import NNStudies
import NNTerminal

/// A recorded study played back in its own dashboard: it starts showing the whole run;
/// `space` plays it from the start (or pauses), `r` restarts, ← → step, `+` `-` change the speed.
@MainActor
final class ReplayApp: TerminalScreen {
    private let loop = TerminalLoop()
    private let study: any ReplaySource
    private var playback: ReplayPlayback
    private var state: any StudySnapshot
    private var controls: DashboardControls
    /// What could not be read of the recording, shown when no message is.
    private let warning: String?
    private var timer: (any DispatchSourceTimer)?
    /// The series' colours (`--palette`).
    private let palette: Palette
    /// The charts' lines, fed only the points each frame adds (built again when replay steps back).
    private let feed = LineFeed()

    /// The pause between two frames of playback.
    static let tick = DispatchTimeInterval.milliseconds(40)

    /// - Parameters:
    ///   - study: the recorded study to show.
    ///   - warning: a line about what could not be read, shown at the bottom.
    ///   - palette: the series' colours.
    init(study: any ReplaySource, warning: String?, palette: Palette = .standard) {
        self.palette = palette
        self.study = study
        playback = ReplayPlayback(steps: study.steps.count)
        state = study.wholeState
        self.warning = warning
        controls = DashboardControls(screen: study.screen, kind: .replay)
    }

    /// Shows the study until `q` or a signal; never returns.
    /// - Parameter mouse: whether the view takes the mouse (`--no-mouse` leaves it to the terminal).
    func run(mouse: Bool = true) -> Never {
        loop.mouse = mouse
        loop.run(self)
    }

    func handle(_ key: Key) {
        if case .mouse(let event) = key {
            let (width, height) = loop.terminal.size
            controls.handle(event, placements: DashboardRenderer(screen: study.screen)
                .placements(frame(colorMode: loop.terminal.colorMode), width: width, height: height),
                            panels: study.screen.panels(of: state))
            return
        }
        switch controls.handle(key, state: state, width: loop.terminal.size.width) {
        case .quit: loop.quit(status: 0)
        case .export: export()
        case .replay(let command): apply(command)
        default: break
        }
    }

    private func apply(_ command: ReplayPlayback.Command) {
        playback.apply(command)
        state = study.state(steps: playback.position)
        updateTimer()
    }

    private func updateTimer() {
        if playback.playing, timer == nil {
            let timer = DispatchSource.makeTimerSource(queue: .main)
            timer.schedule(deadline: .now() + Self.tick, repeating: Self.tick)
            timer.setEventHandler { [weak self] in MainActor.assumeIsolated { self?.advance() } }
            timer.resume()
            self.timer = timer
        } else if !playback.playing, let timer {
            timer.cancel()
            self.timer = nil
        }
    }

    private func advance() {
        playback.apply(.tick)
        state = study.state(steps: playback.position)
        updateTimer()
        loop.scheduleRedraw()
    }

    func render(into buffer: inout Buffer) {
        controls.keepHelpInRange(frame(colorMode: loop.terminal.colorMode), width: buffer.width, height: buffer.height)
        DashboardRenderer(screen: study.screen, feed: feed).render(frame(colorMode: loop.terminal.colorMode), into: &buffer)
    }

    func willQuit() {}

    private func frame(colorMode: ColorMode) -> DashboardFrame {
        DashboardFrame(state: state, status: playback.status, steps: playback.position,
                       note: controls.message.text ?? warning, view: controls.view,
                       unicode: loop.terminal.isUTF8, colorMode: palette.mode(colorMode), palette: palette, keys: .replay)
    }

    private func export() {
        let (width, height) = loop.terminal.size
        let id = controls.say(DashboardRenderer(screen: study.screen).export(frame(colorMode: .none), width: width, height: height))
        loop.expireLater { [weak self] in self?.controls.expire(id) }
    }
}
