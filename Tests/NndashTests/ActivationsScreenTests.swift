import NNText
@testable import nndash
import Foundation
import NNStudies
import Testing

/// `nndash activations` says where the selected activation goes in a network (lesson 003):
/// above the charts on a narrow terminal, at the top of the side panel on a wide one, read back
/// from the drawn rows against `ActivationRole`.
@Suite struct ActivationsScreenTests {
    static let state = try! StudyLauncher.runToEnd(ActivationGallery(.init(points: 21))) as! ActivationGallery.Snapshot

    /// The lesson's activations, and the Jacobian's panel (softmax's).
    static let selections = ["sigmoid", "tanh", "relu", "leaky_relu", "softmax", "softmax Jacobian"]

    static func panelIndex(_ name: String) -> Int {
        state.curves.firstIndex { $0.name == name } ?? state.curves.count
    }

    @Test(arguments: selections)
    func theSelectedActivationsLayersAreWrittenAboveTheChartsAt80x24(_ name: String) throws {
        let activation = name == "softmax Jacobian" ? "softmax" : name
        let role = try #require(ActivationRole.of(activation))
        var view = ViewState()
        view.selectedPanel = Self.panelIndex(name)
        let rows = DashboardLegibilityTests.render(ActivationsScreen(), Self.state, view: view, width: 80, height: 24)
        // Row 0 is the header; the caption takes the next two rows, then the charts begin.
        let caption = rows[1] + " " + rows[2]
        #expect(caption.hasPrefix("\(activation) · \(role.layers):"), "\(rows[1...2])")
        #expect(rows[3].hasPrefix(view.selectedPanel == 0 ? "▸ sig" : "sig"), "the charts start under the caption: \(rows[3])")
    }

    @Test(arguments: selections)
    func theSelectedActivationsLayersLeadTheSidePanelAt200x60(_ name: String) throws {
        let activation = name == "softmax Jacobian" ? "softmax" : name
        let role = try #require(ActivationRole.of(activation))
        var view = ViewState()
        view.selectedPanel = Self.panelIndex(name)
        let rows = DashboardLegibilityTests.render(ActivationsScreen(), Self.state, view: view, width: 200, height: 60)
        let side = rows.dropFirst().map { row -> String in
            guard let bar = row.lastIndex(of: "│") else { return "" }
            return row[row.index(after: bar)...].trimmingCharacters(in: .whitespaces)
        }
        let text = side.filter { !$0.isEmpty }.joined(separator: " ")
        #expect(text.hasPrefix("\(activation) · \(role.layers): \(role.why)"), "\(text.prefix(200))")
        // The lesson's rule for every output is listed too.
        for output in ActivationRole.outputs {
            #expect(text.contains("output, \(output.task): \(output.activation), with \(output.loss)"))
        }
    }

    /// Every activation panel drawn lists both its lines in its legend, each with its newest
    /// value (read back against the data), instead of "+2 more"; panels that do not fit fold.
    @Test(arguments: [(80, 24), (120, 36), (200, 60)])
    func everyDrawnPanelsLegendListsBothLines(_ size: (width: Int, height: Int)) throws {
        let screen = ActivationsScreen()
        let view = ViewState()
        let frame = DashboardFrame(state: Self.state, status: "finished", steps: 1, note: nil, view: view,
                                   unicode: true, colorMode: .palette256)
        let placements = DashboardRenderer(screen: screen).placements(frame, width: size.width, height: size.height)
        let rows = DashboardLegibilityTests.render(screen, Self.state, view: view, width: size.width, height: size.height)
        let drawn = placements.filter { $0.panel.index < Self.state.curves.count }
        #expect(drawn.count >= 3, "\(size): \(drawn.count) activation panels")
        for (rect, panel) in drawn {
            let curve = Self.state.curves[panel.index]
            let header = (rect.y..<rect.y + 2).map { y in
                String(Array(rows[y])[rect.x..<min(rows[y].count, rect.maxX)])
            }.joined(separator: "  ")
            #expect(header.contains(curve.name) && !header.contains("more"), "\(size): \(header)")
            for (label, values) in [("y", curve.y), ("d/dx", curve.grad)] {
                let value = try #require(header.matches(of: /[12] ━━ (\S+) (\S+)/).first { $0.1 == label }, "\(size): \(header)")
                let shown = try #require(Double(value.2), "\(value.2)")
                let last = try #require(values.last)
                #expect(abs(shown - last) <= 0.01 * max(abs(last), 1e-3), "\(curve.name) \(label): \(shown) vs \(last)")
            }
        }
    }

    /// The Jacobian's panel, zoomed at 120x36: its title names the input as numbers, and each
    /// cell reads back as the Jacobian's entry (three decimals, none cut to `0.…`).
    @Test func theJacobianReadsAsItsNumbersAt120x36() throws {
        var view = ViewState()
        view.selectedPanel = Self.panelIndex("softmax Jacobian")
        view.zoomed = true
        let rows = DashboardLegibilityTests.render(ActivationsScreen(), Self.state, view: view, width: 120, height: 36)
        let input = Self.state.configuration.softmaxInput.map { NumberFormat.short($0) }.joined(separator: ", ")
        #expect(rows.contains { $0.contains("softmax Jacobian at v = [\(input)]") }, "\(rows.prefix(6))")
        #expect(!rows.joined().contains("\""), "quotes in \(rows.prefix(6))")
        for (i, expected) in Self.state.softmaxJacobian.enumerated() {
            let row = try #require(rows.first { $0.hasPrefix(" i=\(i) ") }, "row i=\(i)")
            let cells = row.split(separator: " ").dropFirst().map(String.init)
            #expect(cells.count == expected.count, "\(row)")
            for (cell, value) in zip(cells, expected) {
                let read = try #require(Double(cell), "\(cell) in \(row)")
                #expect(abs(read - value) <= 0.0005, "\(cell) against \(value)")
            }
        }
    }

    @Test func everyActivationOfTheGalleryHasARole() {
        for (name, _) in ActivationGallery.activations {
            #expect(ActivationRole.of(name) != nil, "\(name)")
        }
        for name in ActivationRole.hidden { #expect(ActivationRole.of(name)?.layers.hasPrefix("hidden") == true) }
    }
}
