import Glibc

/// Puts the terminal back in order from a signal handler, then lets the signal kill us.
///
/// Only async-signal-safe calls are made in the handler: `tcsetattr`, `dup2`, `fstat`, `write`,
/// `signal`, `raise`.
///
/// While the dashboard owns the screen, standard error goes to a file (`divertStandardError`),
/// so a runtime message or crash report never lands over the picture: a clean stop copies it
/// back to the terminal; a crash leaves it in the file and says where.
enum TerminalRescue {
    /// The modes to restore, on the heap: `tcgetattr` fills all of glibc's `struct termios`,
    /// which AddressSanitizer saw overflow the space of a Swift global of that type.
    nonisolated(unsafe) static let savedTermios = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    nonisolated(unsafe) static var hasSavedTermios = false

    /// Standard error as it was, and the file it is diverted to (its path as a C string).
    nonisolated(unsafe) static var savedStandardError: Int32 = -1
    nonisolated(unsafe) static var divertedStandardError: Int32 = -1
    nonisolated(unsafe) static var divertedPath: [CChar] = []

    /// Leaves the alternate screen, shows the cursor, resets colours, disables mouse modes and
    /// puts the cursor keys and keypad back in their normal mode (`rmkx`).
    static let resetSequence: StaticString = "\u{1B}[0m\u{1B}[?1000l\u{1B}[?1l\u{1B}>\u{1B}[?25h\u{1B}[?1049l\r\n"

    /// Signals that mean a crash: restore, then die of the signal.
    static let fatalSignals: [Int32] = [SIGSEGV, SIGABRT, SIGILL, SIGBUS, SIGFPE, SIGTRAP]

    /// Every other signal whose default action ends the process (the app answers SIGINT, SIGTERM
    /// and SIGHUP itself): restore, then die of the signal. SIGQUIT (Ctrl-\) included, so no
    /// backtrace is printed over the screen and the study does not go on running.
    static let terminatingSignals: [Int32] = [
        SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGSYS,
        SIGSTKFLT, SIGPWR, SIGIO,
    ]

    static var handledSignals: [Int32] { fatalSignals + terminatingSignals }

    /// Records the terminal's current modes so a crash can restore them.
    static func saveModes() {
        if tcgetattr(STDIN_FILENO, savedTermios) == 0 { hasSavedTermios = true }
    }

    static func installFatalSignalHandlers() {
        for sig in handledSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                TerminalRescue.restoreNow()
                TerminalRescue.sayWhereStandardErrorWent()
                signal(sig, SIG_DFL)
                raise(sig)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(bitPattern: UInt32(SA_RESETHAND))
            sigaction(sig, &action, nil)
        }
    }

    static func removeFatalSignalHandlers() {
        for sig in handledSignals { signal(sig, SIG_DFL) }
    }

    /// Sends standard error to a new file in the temporary folder until `restoreStandardError`.
    static func divertStandardError() {
        guard savedStandardError < 0 else { return }
        var template = Array("/tmp/nndash-stderr-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { return }
        let saved = dup(STDERR_FILENO)
        guard saved >= 0, dup2(fd, STDERR_FILENO) >= 0 else {
            close(fd)
            unlink(template)
            return
        }
        (savedStandardError, divertedStandardError, divertedPath) = (saved, fd, template)
    }

    /// Gives standard error back and copies what was written meanwhile to it; removes the file.
    static func restoreStandardError() {
        guard savedStandardError >= 0 else { return }
        dup2(savedStandardError, STDERR_FILENO)
        var buffer = [UInt8](repeating: 0, count: 4096)
        lseek(divertedStandardError, 0, SEEK_SET)
        while true {
            let n = read(divertedStandardError, &buffer, buffer.count)
            if n <= 0 { break }
            _ = write(STDERR_FILENO, buffer, n)
        }
        close(divertedStandardError)
        close(savedStandardError)
        unlink(divertedPath)
        (savedStandardError, divertedStandardError, divertedPath) = (-1, -1, [])
    }

    /// Restores modes and screen without ncurses; safe inside a signal handler.
    static func restoreNow() {
        if hasSavedTermios { tcsetattr(STDIN_FILENO, TCSANOW, savedTermios) }
        let seq = resetSequence
        _ = write(STDOUT_FILENO, seq.utf8Start, seq.utf8CodeUnitCount)
    }

    /// From a signal handler: gives standard error back and, when something was written to the
    /// diverted file (a crash report), names the file there.
    static func sayWhereStandardErrorWent() {
        guard savedStandardError >= 0 else { return }
        dup2(savedStandardError, STDERR_FILENO)
        var info = stat()
        guard fstat(divertedStandardError, &info) == 0, info.st_size > 0 else {
            unlink(divertedPath)
            return
        }
        let prefix: StaticString = "nndash: what it wrote to standard error is in "
        _ = write(STDERR_FILENO, prefix.utf8Start, prefix.utf8CodeUnitCount)
        divertedPath.withUnsafeBufferPointer { path in _ = write(STDERR_FILENO, path.baseAddress!, strlen(path.baseAddress!)) }
        _ = write(STDERR_FILENO, "\n", 1)
    }
}
