@testable import nndash
import NNCharts
import NNStudies
import Testing

/// The `?` help read back from the drawn buffer: a whole frame, nothing of the charts inside
/// it, sentences wrapped at spaces, every key listed exactly once, and at 40x12 scrolled with
/// the keys it names until every row has been seen.
@Suite struct HelpOverlayTests {
    static let sizes = DashboardLegibilityTests.sizes + [(40, 12)]

    /// The help's box in `rows`: its frame checked cell by cell, its text rows, and the hint
    /// its bottom border carries.
    static func box(_ rows: [String], at: String) -> (content: [String], hint: String)? {
        let cells = rows.map { Array($0) }
        guard let top = rows.firstIndex(where: { $0.contains("╭ Help ") }) else {
            Issue.record("\(at): no help box")
            return nil
        }
        let left = cells[top].firstIndex(of: "╭")!, right = cells[top].lastIndex(of: "╮") ?? -1
        guard right > left, let bottom = (top + 1..<rows.count).first(where: { cells[$0].indices.contains(left) && cells[$0][left] == "╰" })
        else {
            Issue.record("\(at): the help's frame is not closed")
            return nil
        }
        // The bottom border carries the hint, a space either side, rules at both ends.
        let border = String(cells[bottom][(left + 1)..<right])
        let hintMatch = border.wholeMatch(of: /─+ (.+?) ─+/)
        #expect(cells[bottom][right] == "╯" && hintMatch != nil, "\(at): bottom border \(border)")
        var content: [String] = []
        for y in (top + 1)..<bottom {
            #expect(cells[y][left] == "│" && cells[y][right] == "│", "\(at): row \(y) has no side borders")
            let inside = cells[y][(left + 1)..<right]
            // Nothing of the view under the box shows through: no braille, no chart rule.
            #expect(!inside.contains { c in c.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) || "┤┼┬└│".unicodeScalars.contains($0) } },
                    "\(at): chart glyphs inside the help: \(String(inside))")
            #expect(inside.first == " ", "\(at): text touches the left border")
            content.append(String(inside.dropFirst()).replacingOccurrences(of: " +$", with: "", options: .regularExpression))
        }
        return (content, hintMatch.map { String($0.1) } ?? "")
    }

    /// Every key of `keys` once in the help's `lines`, its sentence whole: the rows after its
    /// keys that start under the sentence column, joined, are the sentence word for word.
    static func expectEveryKeyOnce<Action>(_ keys: [KeyBinding<Action>], in lines: [String], at: String) {
        let column = HelpOverlay.keyColumn
        for binding in keys {
            let starts = lines.indices.filter { lines[$0].hasPrefix(binding.helpKeys + " ") || lines[$0] == binding.helpKeys }
            #expect(starts.count == 1, "\(at): \(binding.helpKeys) listed \(starts.count) times")
            guard let start = starts.first else { continue }
            var sentence = String(lines[start].dropFirst(max(column, binding.helpKeys.count + 1)))
                .trimmingCharacters(in: .whitespaces)
            var next = start + 1
            while next < lines.count, lines[next].hasPrefix(String(repeating: " ", count: 2)), !lines[next].trimmingCharacters(in: .whitespaces).isEmpty {
                sentence += (sentence.isEmpty ? "" : " ") + lines[next].trimmingCharacters(in: .whitespaces)
                next += 1
            }
            #expect(sentence == binding.help, "\(at): \(binding.helpKeys) reads \"\(sentence)\"")
        }
    }

    @Test(arguments: DashboardLegibilityTests.dashboards)
    func studyHelpIsFramedWholeAndScrolls(_ dashboard: DashboardLegibilityTests.Dashboard) throws {
        let state = try dashboard.snapshot()
        for (width, height) in Self.sizes {
            var controls = DashboardControls(screen: dashboard.screen)
            _ = controls.handle(.character("?"), state: state, width: width)
            #expect(controls.view.showHelp)
            let keys = controls.keys(for: state, width: width)
            // Page by page (PgDn, then ↓ to the end), each row of the help read once.
            var lines: [Int: String] = [:]
            var pages = 0
            while pages < 40 {
                let frame = DashboardFrame(state: state, status: "finished", steps: 1, note: nil, view: controls.view,
                                           unicode: true, colorMode: .palette256)
                controls.keepHelpInRange(frame, width: width, height: height)
                var buffer = Buffer(width: width, height: height)
                var shown = frame
                shown.view = controls.view
                DashboardRenderer(screen: dashboard.screen).render(shown, into: &buffer)
                let at = "\(dashboard.screen.study) \(width)x\(height) scroll \(controls.view.helpScroll)"
                guard let (content, hint) = Self.box(buffer.lines, at: at) else { break }
                for (k, line) in content.enumerated() { lines[controls.view.helpScroll + k] = line }
                let scrolls = hint.contains("scroll")
                #expect(scrolls == (height == 12) || height > 12 && !scrolls, "\(at): hint \(hint)")
                #expect(hint.contains("q quit") || scrolls, "\(at): hint \(hint)")
                let before = controls.view.helpScroll
                _ = controls.handle(.down, state: state, width: width)
                controls.keepHelpInRange(frame, width: width, height: height)
                if controls.view.helpScroll == before { break }
                pages += 1
            }
            let all = (0..<(lines.keys.max() ?? -1) + 1).map { lines[$0] ?? "<missing>" }
            Self.expectEveryKeyOnce(keys, in: all, at: "\(dashboard.screen.study) \(width)x\(height)")
            // ↑ answers at once after the end, PgUp goes back, Home to the top.
            _ = controls.handle(.pageDown, state: state, width: width)
            _ = controls.handle(.home, state: state, width: width)
            #expect(controls.view.helpScroll == 0 && controls.view.showHelp)
        }
    }

    /// With the help shown, q and Q quit; any other key (not a scrolling one) closes it.
    @Test func qQuitsWithTheHelpShown() throws {
        let dashboard = try #require(DashboardLegibilityTests.dashboards.first)
        let state = try dashboard.snapshot()
        for key in [Key.character("q"), .character("Q")] {
            var controls = DashboardControls(screen: dashboard.screen)
            _ = controls.handle(.character("?"), state: state, width: 80)
            #expect(controls.handle(key, state: state, width: 80) == .quit)
            var watch = WatchScreen()
            _ = watch.handle(.character("?"))
            #expect(watch.view.showHelp)
            #expect(watch.handle(key) == .quit)
        }
        var controls = DashboardControls(screen: dashboard.screen)
        _ = controls.handle(.character("?"), state: state, width: 80)
        #expect(controls.handle(.character("x"), state: state, width: 80) == nil && !controls.view.showHelp)
    }

    @Test func watchHelpIsFramedWholeAndScrolls() {
        for (width, height) in Self.sizes {
            var screen = WatchScreen()
            _ = screen.handle(.character("?"))
            var lines: [Int: String] = [:]
            for _ in 0..<40 {
                var buffer = Buffer(width: width, height: height)
                screen.render(into: &buffer, unicode: true, colorMode: .palette256)
                let at = "watch \(width)x\(height) scroll \(screen.view.helpScroll)"
                guard let (content, hint) = Self.box(buffer.lines, at: at) else { break }
                for (k, line) in content.enumerated() { lines[screen.view.helpScroll + k] = line }
                // It scrolls where it cannot fit, and says so; at 200x60 every row fits.
                if height == 12 { #expect(hint.contains("scroll"), "\(at): hint \(hint)") }
                if height == 60 { #expect(!hint.contains("scroll") && hint.contains("q quit"), "\(at): hint \(hint)") }
                let before = screen.view.helpScroll
                _ = screen.handle(.down)
                screen.render(into: &buffer, unicode: true, colorMode: .palette256)
                if screen.view.helpScroll == before { break }
            }
            let all = (0..<(lines.keys.max() ?? -1) + 1).map { lines[$0] ?? "<missing>" }
            Self.expectEveryKeyOnce(screen.keys, in: all, at: "watch \(width)x\(height)")
        }
    }
}
