import Dispatch
import Foundation
import NNCharts
import NNRuns
import NNTerminal

/// A full-screen view driven by a `TerminalLoop`: draws frames and answers keys.
@MainActor
protocol TerminalScreen: AnyObject {
    /// Draws the whole frame; `buffer` has the terminal's size.
    func render(into buffer: inout Buffer)
    /// Answers one key (never `.resize`, which the loop handles).
    func handle(_ key: Key)
    /// Called once before the terminal is restored and the process exits.
    func willQuit()
    /// Lines for standard error once the terminal is restored (what the screen could only
    /// show in passing, such as warnings), each printed after `nndash `.
    var farewell: [String] { get }
}

extension TerminalScreen {
    var farewell: [String] { [] }
}

/// The main-queue loop every full-screen view shares: owns the terminal, reads keys and
/// signals through `DispatchSource`s, coalesces redraws, and quits with the status a shell
/// expects (0 on `q`, 128 + the signal's number on SIGINT, SIGTERM or SIGHUP).
@MainActor
final class TerminalLoop {
    let terminal = Terminal()
    private var screen: (any TerminalScreen)?
    private var redrawPending = false
    private var sources: [any DispatchSourceProtocol] = []
    /// Whether the screen takes the mouse (clicks, wheel) from the terminal.
    var mouse = false

    /// Takes over the terminal and runs `screen` until it quits; never returns.
    /// The loop keeps `screen` alive until the process exits.
    func run(_ screen: any TerminalScreen) -> Never {
        self.screen = screen
        terminal.start(mouse: mouse)
        installSources()
        scheduleRedraw()
        dispatchMain()
    }

    private func installSources() {
        let input = DispatchSource.makeReadSource(fileDescriptor: STDIN_FILENO, queue: .main)
        input.setEventHandler { [weak self] in MainActor.assumeIsolated { self?.handleInput() } }
        input.resume()
        sources.append(input)

        signal(SIGWINCH, SIG_IGN)
        let resize = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: .main)
        resize.setEventHandler { [weak self] in MainActor.assumeIsolated { self?.handleResize() } }
        resize.resume()
        sources.append(resize)

        let statuses: [(signal: Int32, status: Int32)] = [(SIGINT, 130), (SIGTERM, 143), (SIGHUP, 129)]
        for (sig, status) in statuses {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .main)
            source.setEventHandler { [weak self] in
                MainActor.assumeIsolated {
                    guard let self else { return }
                    self.quit(status: status)
                }
            }
            source.resume()
            sources.append(source)
        }
    }

    private func handleInput() {
        for key in terminal.readKeys() {
            if key == .resize {
                terminal.refreshSize()
            } else {
                screen?.handle(key)
            }
        }
        scheduleRedraw()
    }

    private func handleResize() {
        terminal.refreshSize()
        scheduleRedraw()
    }

    /// How long a footer message (where an export went, a checkpoint) stays.
    static let messageLife = DispatchTimeInterval.seconds(8)

    /// After `messageLife`, runs `expire` (which clears a footer message) and draws a frame.
    func expireLater(_ expire: @escaping @MainActor () -> Void) {
        DispatchQueue.main.asyncAfter(deadline: .now() + Self.messageLife) { [weak self] in
            MainActor.assumeIsolated {
                expire()
                self?.scheduleRedraw()
            }
        }
    }

    /// Asks for a frame; however many requests arrive, one frame is pending at a time.
    func scheduleRedraw() {
        guard !redrawPending else { return }
        redrawPending = true
        DispatchQueue.main.async { [weak self] in MainActor.assumeIsolated { self?.redraw() } }
    }

    private func redraw() {
        redrawPending = false
        let (width, height) = terminal.size
        var buffer = Buffer(width: width, height: height)
        screen?.render(into: &buffer)
        terminal.draw(buffer)
    }

    /// Lets the screen finish, restores the terminal and exits with `status`.
    ///
    /// The process ends with `_exit` once output is flushed: `exit` would run library
    /// destructors (OpenBLAS shuts its threads down) while a background queue may still be
    /// inside one of its calls, which can crash after the terminal was given back.
    /// Lets the screen finish, restores the terminal and runs nndash again with `arguments`
    /// in this process (another step of a lesson); exits with status 1 if that cannot start.
    func replace(with arguments: [String]) -> Never {
        screen?.willQuit()
        terminal.stop()
        fflush(nil)
        let argv = (["nndash"] + arguments).map { strdup($0) } + [nil]
        execv("/proc/self/exe", argv)
        Output.printError("nndash: cannot start the lesson's next step: \(String(cString: strerror(errno)))")
        _exit(1)
    }

    func quit(status: Int32) -> Never {
        screen?.willQuit()
        terminal.stop()
        for line in screen?.farewell ?? [] { Output.printError("nndash \(line)") }
        fflush(nil)
        _exit(status)
    }
}
