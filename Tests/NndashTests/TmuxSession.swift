import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private tmux server with one pane, for driving nndash as a person at a terminal would.
final class TmuxSession {
    let directory: URL
    /// The server's socket, inside `directory`: removed with it, where a named socket (`-L`)
    /// would stay behind in tmux's folder after `kill-server`.
    var socket: String { directory.appendingPathComponent("tmux").path }

    init(width: Int = 120, height: Int = 40, command: String) throws {
        directory = try Binary.temporaryDirectory()
        // After the program exits, record its status and the terminal's modes, then wait.
        // The shell traps SIGINT and SIGQUIT so that Ctrl-C and Ctrl-\ reach only the program.
        let script = """
            trap : INT QUIT
            cd "$(dirname "$0")"
            \(command)
            status=$?
            stty -a > stty
            echo $status > status
            sleep 30
            """
        let scriptURL = directory.appendingPathComponent("run.sh")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)
        try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", "t",
                  "env LANG=C.UTF-8 TERM=xterm-256color sh '\(scriptURL.path)'"])
    }

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs a tmux command and returns what it printed.
    ///
    /// Foundation's `Process` is not used: the first call starts the tmux server, which keeps
    /// every descriptor it inherits open, and `Process` would wait for them to close.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let output = directory.appendingPathComponent("tmux-output-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let argv = ["tmux", "-S", socket, "-f", "/dev/null"] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for p in cArguments { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "tmux", &actions, nil, &cArguments, environ)
        guard spawned == 0 else { throw CocoaError(.executableLoad) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }

    /// The pane's text now.
    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "t"]) }

    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", "t"] + keys) }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "t", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The screen never came to show what a test waited for.
    struct TimedOut: Error, CustomStringConvertible {
        let seconds: Double
        let screen: String
        var description: String { "the screen did not change as expected in \(seconds) s; it shows:\n\(screen)" }
    }

    /// Polls the screen until `condition` holds and returns it; throws `TimedOut` with the last
    /// screen when it does not hold within `timeout` seconds.
    @discardableResult
    func waitFor(timeout: Double = 20, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var text = try screen()
        while !condition(text) {
            guard Date() < deadline else { throw TimedOut(seconds: timeout, screen: text) }
            Thread.sleep(forTimeInterval: 0.1)
            text = try screen()
        }
        return text
    }

    /// The program's exit status once it has exited, waiting at most `timeout` seconds.
    func exitStatus(timeout: Double = 20) -> Int32? {
        let url = directory.appendingPathComponent("status")
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = try? String(contentsOf: url, encoding: .utf8),
               let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return status
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return nil
    }

    /// Whether the pane shows the alternate screen now.
    func alternateScreenIsOn() throws -> Bool {
        try tmux(["display-message", "-p", "-t", "t", "#{alternate_on}"])
            .trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    /// The pane's cursor and keypad modes now: whether the cursor is shown, and whether the
    /// application keypad (`smkx`'s ESC =) and application cursor keys (ESC [ ? 1 h) are on.
    func modeFlags() throws -> (cursorShown: Bool, keypad: Bool, cursorKeys: Bool) {
        let words = try tmux(["display-message", "-p", "-t", "t", "#{cursor_flag} #{keypad_flag} #{keypad_cursor_flag}"])
            .split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) == "1" }
        guard words.count == 3 else { return (false, true, true) }
        return (words[0], words[1], words[2])
    }

    /// The program's process id: the child of the pane's shell.
    func programPID(timeout: Double = 10) throws -> pid_t? {
        let text = try tmux(["display-message", "-p", "-t", "t", "#{pane_pid}"])
        guard let shell = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
            if let child = children.split(separator: " ").first.flatMap({ Int32($0) }) { return child }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    /// `stty -a` as the shell saw it after the program exited.
    func terminalModes() -> String {
        (try? String(contentsOf: directory.appendingPathComponent("stty"), encoding: .utf8)) ?? ""
    }

    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
    }
}

/// Whether `text` contains braille dots (not just the blank braille cell).
func containsBraille(_ text: String) -> Bool {
    text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }
}

/// Whether `stty -a` output shows a terminal in its normal line mode with echo.
func isSane(_ modes: String) -> Bool {
    let words = Set(modes.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
    return words.contains("icanon") && words.contains("echo") && !words.contains("-icanon") && !words.contains("-echo")
}
