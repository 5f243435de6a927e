@testable import nndash
import Foundation
import NNStudies
import Testing

/// `nndash concepts` read back from what it drew: every number of its tables against the
/// snapshot the engine computed.
@Suite struct ConceptsScreenTests {
    /// The words after `label` where it starts a table cell (the row's start or two blanks before
    /// it), in the rows under the first row after the header that holds `title`.
    static func words(_ rows: [String], after title: String, label: String) -> [String]? {
        guard let start = rows.indices.dropFirst().first(where: { rows[$0].contains(title) }) else { return nil }
        for row in rows[start...] {
            var searchFrom = row.startIndex
            while let range = row.range(of: label + " ", range: searchFrom..<row.endIndex) {
                let before = row[..<range.lowerBound]
                if before.allSatisfy({ $0 == " " }) || before.hasSuffix("  ") {
                    return row[range.upperBound...].prefix(40).split(separator: " ").prefix(4).map(String.init)
                }
                searchFrom = range.upperBound
            }
        }
        return nil
    }

    static func close(_ text: String?, _ value: Double) -> Bool {
        guard let text, let drawn = Double(text) else { return false }
        return abs(drawn - value) <= 5e-5
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func theTablesAreTheComputedNumbers(_ size: (Int, Int)) throws {
        var study = LossConcepts(.init())
        while try study.step() != nil {}
        let s = try #require(study.snapshot as? LossConcepts.Snapshot)
        let rows = DashboardLegibilityTests.render(ConceptsScreen(), s, view: ViewState(), width: size.0, height: size.1)
        let c = try #require(s.costParts)
        #expect(Self.close(Self.words(rows, after: "loss, cost", label: "cost: mean")?.first, c.cost), "\(rows)")
        #expect(Self.close(Self.words(rows, after: "loss, cost", label: "objective")?.first, c.objective))
        for (i, row) in s.entropyRows.enumerated() {
            let label = ConceptsScreen.rowNames[i]
            let drawn = try #require(Self.words(rows, after: "H(p,q) = H(p)", label: label), "\(label) not drawn")
            #expect(Self.close(drawn[safe: 0], row.entropy), "\(label): \(drawn)")
            #expect(Self.close(drawn[safe: 1], row.crossEntropy), "\(label): \(drawn)")
            #expect(Self.close(drawn[safe: 2], row.kl), "\(label): \(drawn)")
        }
        let chain = try #require(s.chainRule)
        let w = try #require(Self.words(rows, after: "chain rule", label: "∂fc2/∂w"))
        #expect(Self.close(w[safe: 0], chain.wGrad) && Self.close(w[safe: 1], chain.handW), "\(w)")
        let b = try #require(Self.words(rows, after: "chain rule", label: "∂fc2/∂b"))
        #expect(Self.close(b[safe: 0], chain.bGrad) && Self.close(b[safe: 1], chain.handB), "\(b)")
    }
}
