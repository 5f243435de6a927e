import Glibc

/// Puts the terminal back in order from a fatal-signal handler, then lets the signal kill us.
///
/// Only async-signal-safe calls are made in the handler: `tcsetattr`, `write`, `signal`, `raise`.
enum TerminalRescue {
    /// The modes to restore, on the heap: `tcgetattr` fills all of glibc's `struct termios`,
    /// which AddressSanitizer saw overflow the space of a Swift global of that type.
    nonisolated(unsafe) static let savedTermios = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    nonisolated(unsafe) static var hasSavedTermios = false

    /// Leaves the alternate screen, shows the cursor, resets colours and disables mouse modes.
    static let resetSequence: StaticString = "\u{1B}[0m\u{1B}[?1000l\u{1B}[?25h\u{1B}[?1049l\r\n"

    static let fatalSignals: [Int32] = [SIGSEGV, SIGABRT, SIGILL, SIGBUS, SIGFPE, SIGTRAP]

    /// Records the terminal's current modes so a crash can restore them.
    static func saveModes() {
        if tcgetattr(STDIN_FILENO, savedTermios) == 0 { hasSavedTermios = true }
    }

    static func installFatalSignalHandlers() {
        for sig in fatalSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                TerminalRescue.restoreNow()
                signal(sig, SIG_DFL)
                raise(sig)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(bitPattern: UInt32(SA_RESETHAND))
            sigaction(sig, &action, nil)
        }
    }

    static func removeFatalSignalHandlers() {
        for sig in fatalSignals { signal(sig, SIG_DFL) }
    }

    /// Restores modes and screen without ncurses; safe inside a signal handler.
    static func restoreNow() {
        if hasSavedTermios { tcsetattr(STDIN_FILENO, TCSANOW, savedTermios) }
        let seq = resetSequence
        _ = write(STDOUT_FILENO, seq.utf8Start, seq.utf8CodeUnitCount)
    }
}
