import Foundation
@testable import NNTerminal
import Testing

/// The rescue handler runs on Swift's own runtime traps (SIGILL from `ud2` on x86-64, SIGTRAP
/// from `brk` on arm64), writes the sequence that gives the screen back, and the process still
/// dies of that signal.
@Suite struct TerminalRescueTests {
    static let reset = Array("\u{1B}[?1049l\r\n".utf8)

    static func diedOfATrap(_ result: ExitTest.Result) -> Bool {
        result.exitStatus == .signal(SIGILL) || result.exitStatus == .signal(SIGTRAP)
    }

    @Test func aFatalErrorRestoresTheScreenAndDiesOfItsSignal() async throws {
        let result = try await #require(processExitsWith: .failure, observing: [\.standardOutputContent]) {
            TerminalRescue.installFatalSignalHandlers()
            fatalError("a broken invariant")
        }
        #expect(Self.diedOfATrap(result), "\(result.exitStatus)")
        #expect(result.standardOutputContent.suffix(Self.reset.count).elementsEqual(Self.reset))
    }

    @Test func anIndexOutOfRangeRestoresTheScreenAndDiesOfItsSignal() async throws {
        let result = try await #require(processExitsWith: .failure, observing: [\.standardOutputContent]) {
            TerminalRescue.installFatalSignalHandlers()
            let values = [1, 2, 3]
            print(values[values.count + Int(getpid() % 2)])
        }
        #expect(Self.diedOfATrap(result), "\(result.exitStatus)")
        #expect(result.standardOutputContent.suffix(Self.reset.count).elementsEqual(Self.reset))
    }

    @Test func withoutTheHandlerNothingIsWritten() async throws {
        let result = try await #require(processExitsWith: .failure, observing: [\.standardOutputContent]) {
            fatalError("no rescue installed")
        }
        #expect(Self.diedOfATrap(result))
        #expect(!result.standardOutputContent.suffix(Self.reset.count).elementsEqual(Self.reset))
    }
}
