import ArgumentParser
import Foundation
import Testing
@testable import nndash

@Suite("nndash parity")
final class ParityCommandTests {
    /// The test's files, removed when it ends.
    let folder: URL

    init() throws { folder = try Binary.temporaryDirectory() }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Writes `text` to a fresh file in the test's folder and returns its path.
    func temporaryFile(_ text: String) throws -> String {
        let url = folder.appendingPathComponent("parity-\(UUID().uuidString).json")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The exit status of `nndash parity` with `arguments`.
    func exitStatus(_ arguments: [String]) throws -> Int32 {
        var command = try Parity.parseAsRoot(arguments)
        do {
            try command.run()
            return 0
        } catch {
            return Nndash.report(for: error).status
        }
    }

    static let passing = #"""
        {"meta": {"tolerance": {"rtol": 1e-4, "atol": 1e-5}}, "cases": [
          {"id": "gain/relu/0", "kind": "gain", "name": "relu", "param": null, "value": 1.4142135623730951}]}
        """#

    @Test func allPassingExitsZero() throws {
        #expect(try exitStatus([try temporaryFile(Self.passing)]) == 0)
    }

    @Test func aFailingCaseExitsOne() throws {
        let failing = Self.passing.replacingOccurrences(of: "1.4142135623730951", with: "1.5")
        #expect(try exitStatus([try temporaryFile(Self.passing), try temporaryFile(failing)]) == 1)
    }

    @Test func unreadableOrInvalidFilesExitTwo() throws {
        #expect(try exitStatus(["/nonexistent/reference.json"]) == 2)
        #expect(try exitStatus([try temporaryFile("{\"cases\": [")]) == 2)
    }
}
