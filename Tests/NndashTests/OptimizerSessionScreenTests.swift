@testable import nndash
import Foundation
import NNEngine
import NNStudies
import Testing

/// `nndash optim-api`'s dashboard read back from what it drew: each parameter's value, `.grad`
/// (None) and state, each group's options, and each call's row, against the session's moment.
@Suite struct OptimizerSessionScreenTests {
    static func snapshot(_ optimizer: OptimizerName, _ actions: [SessionAction]) throws -> OptimizerSession.Snapshot {
        var c = OptimizerSession.Configuration(actions: actions)
        c.optimizer = optimizer
        return try #require(try StudyLauncher.runToEnd(OptimizerSession.checked(c)) as? OptimizerSession.Snapshot)
    }

    static func rows(_ s: OptimizerSession.Snapshot, width: Int, height: Int) -> [String] {
        let screen = OptimizerSessionScreen(settings: LiveSettings(s.configuration))
        return DashboardLegibilityTests.render(screen, s, view: ViewState(), width: width, height: height)
    }

    /// A drawn table: the row of its header and the column its first title starts at.
    struct DrawnTable {
        var row: Int
        var x: Int
        var titles: [String]
    }

    /// Every drawn table whose first column is titled `first`.
    static func tables(_ rows: [String], first: String) -> [DrawnTable] {
        var found: [DrawnTable] = []
        for (r, row) in rows.enumerated() {
            let chars = Array(row)
            for x in chars.indices where x > 0 && chars[x - 1] == " " && String(chars[x...]).hasPrefix(first + " ") {
                let titles = String(chars[x...]).split(separator: " ").prefix(6).map(String.init)
                found.append(DrawnTable(row: r, x: x, titles: titles))
            }
        }
        return found
    }

    /// The words of the row of `table` whose first word is `label`, within `width` columns.
    static func cells(_ rows: [String], _ table: DrawnTable, label: String, width: Int) -> [String]? {
        for row in rows.dropFirst(table.row + 2).prefix(12) {
            let chars = Array(row)
            guard table.x < chars.count else { continue }
            let words = String(chars[table.x..<min(chars.count, table.x + width)]).split(separator: " ").map(String.init)
            if words.first == label { return words }
        }
        return nil
    }

    /// Whether the drawn `text` is `value` as the tables write it (four decimals, or two or three digits).
    static func close(_ text: String, _ value: Double) -> Bool {
        guard let drawn = Double(text) else { return false }
        return abs(drawn - value) <= max(5e-5, abs(value) * 0.06)
    }

    @Test(arguments: [(80, 24), (200, 60)], [OptimizerName.SGD, .Adam])
    func theTablesAreTheSessionsParametersAndState(_ size: (Int, Int), _ optimizer: OptimizerName) throws {
        let s = try Self.snapshot(optimizer, OptimizerSession.Configuration.lessonActions)
        let m = try #require(s.moments.last)
        let rows = Self.rows(s, width: size.0, height: size.1)
        let tables = Self.tables(rows, first: "param")
        let parameters = try #require(tables.first { $0.titles.contains(".grad") }, "no parameters table")
        let state = try #require(tables.first { !$0.titles.contains(".grad") }, "no state table")
        let buffers = m.state(of: "weight").buffers.keys.sorted()
        #expect(Array(state.titles.dropFirst().prefix(buffers.count)) == buffers)
        for e in OptimizerSessionScreen.elements {
            let words = try #require(Self.cells(rows, parameters, label: e.label, width: 30), "\(e.label) not drawn")
            let value = try #require(m.params[e.parameter]?[e.index])
            #expect(Self.close(words[1], value), "\(e.label) value \(words[1]) against \(value)")
            let grad = try #require(m.grads[e.parameter] ?? nil)
            #expect(Self.close(words[2], grad[e.index]), "\(e.label) grad \(words[2]) against \(grad[e.index])")
            let drawn = try #require(Self.cells(rows, state, label: e.label, width: 38), "\(e.label) has no state row")
            let parameterState = m.state(of: e.parameter)
            for (k, name) in buffers.enumerated() {
                let buffer = try #require(parameterState.buffers[name], "\(e.label) has no \(name)")
                #expect(Self.close(drawn[1 + k], Double(buffer[e.index])), "\(e.label) \(name) \(drawn[1 + k])")
            }
            if let step = parameterState.scalars["step"] { #expect(drawn[1 + buffers.count] == "\(Int(step))") }
        }
    }

    @Test func aGradientOfNoneIsDrawnAsNone() throws {
        // Before any step nothing has a gradient: every .grad is None.
        let s = try Self.snapshot(.SGD, [.zeroGradOn])
        let rows = Self.rows(s, width: 200, height: 60)
        let parameters = try #require(Self.tables(rows, first: "param").first { $0.titles.contains(".grad") })
        for e in OptimizerSessionScreen.elements {
            let words = try #require(Self.cells(rows, parameters, label: e.label, width: 30))
            #expect(words[2] == "None", "\(e.label): \(words)")
        }
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func theGroupsTableIsTheStateDictsGroups(_ size: (Int, Int)) throws {
        let s = try Self.snapshot(.SGD, OptimizerSession.Configuration.lessonActions)
        let m = try #require(s.moments.last)
        let rows = Self.rows(s, width: size.0, height: size.1)
        let table = try #require(Self.tables(rows, first: "option").first)
        for name in ["lr", "momentum", "dampening"] {
            let words = try #require(Self.cells(rows, table, label: name, width: 38), "\(name) not drawn")
            for (g, group) in m.stateDict.paramGroups.enumerated() {
                #expect(Self.close(words[1 + g], group.options[name]?.number ?? .nan), "\(name) group \(g): \(words)")
            }
        }
        let params = try #require(Self.cells(rows, table, label: "params", width: 38))
        #expect(params.dropFirst().map { $0 } == ["weight", "bias"])
    }

    @Test func eachCallsRowSaysWhatItsBackwardFound() throws {
        let s = try Self.snapshot(.SGD, OptimizerSession.Configuration.lessonActions)
        let rows = Self.rows(s, width: 200, height: 60)
        let table = try #require(Self.tables(rows, first: "#").first)
        for (i, m) in s.moments.enumerated() where m.action == .step {
            let words = try #require(Self.cells(rows, table, label: "\(i + 1)", width: 60), "call \(i + 1)")
            #expect(words[1] == "step")
            #expect(Self.close(words[2], m.loss ?? .nan), "call \(i + 1): \(words)")
            #expect(words[3] == ((m.gradBefore["weight"] ?? nil) == nil ? "None" : "kept"), "call \(i + 1): \(words)")
        }
    }

    @Test func keysAppendTheirCallAndUndoTakesItBack() {
        let settings = LiveSettings(OptimizerSession.Configuration(actions: [.step]))
        let screen = OptimizerSessionScreen(settings: settings)
        for key: Character in ["n", "g", "a", "c", "o", "g"] { #expect(screen.handle(.character(key)) == .restart) }
        #expect(settings.value.actions == [.step, .step, .zeroGradOff, .addGroup, .save, .load, .zeroGradOn])
        #expect(screen.handle(.character("u")) == .restart)
        #expect(settings.value.actions.last == .load)
    }
}
