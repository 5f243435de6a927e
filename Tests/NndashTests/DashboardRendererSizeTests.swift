@testable import nndash
import NNCharts
import NNRuns
import NNStudies
import Testing

/// The dashboard at every terminal size down to 0x0: no trap, a notice below the minimum size,
/// the whole layout from it on; and a failed study is shown over its charts.
@Suite struct DashboardRendererSizeTests {
    static func report() throws -> any StudySnapshot {
        var study = LearningRateSweep(.init(lrMin: 0.01, lrMax: 0.3, num: 4, iterations: 30))
        while try study.step() != nil {}
        return study.snapshot
    }

    static func frame(_ state: (any StudySnapshot)?, view: ViewState = ViewState(), failure: String? = nil) -> DashboardFrame {
        DashboardFrame(state: state, status: "running", steps: 30, note: "recording to a-long-folder-name",
                       failure: failure, view: view, unicode: true, colorMode: .palette256)
    }

    static func text(_ buffer: Buffer) -> String { buffer.plainText }

    @Test func everySizeFromNothingToFull() throws {
        let report = try Self.report()
        var help = ViewState()
        help.showHelp = true
        var zoomed = ViewState()
        zoomed.zoomed = true
        zoomed.smoothing = 0.5
        zoomed.logYToggled = [0]
        zoomed.xWindows[0] = XWindow(lower: 0.25, upper: 0.5)
        let frames = [Self.frame(nil), Self.frame(report), Self.frame(report, view: help),
                      Self.frame(report, view: zoomed, failure: "\u{1B}[2Jboom")]
        let renderer = DashboardRenderer(screen: SweepScreen())
        for width in Array(0...60) + [99, 100, 101, 160] {
            for height in Array(0...20) + [40] {
                for frame in frames {
                    var buffer = Buffer(width: width, height: height)
                    renderer.render(frame, into: &buffer)
                    let text = Self.text(buffer)
                    let small = width < DashboardRenderer.minimumWidth || height < DashboardRenderer.minimumHeight
                    if small {
                        #expect(!text.contains("nndash"), "\(width)x\(height)")
                        if width >= 18 && height >= 1 { #expect(text.contains("terminal too small"), "\(width)x\(height)") }
                    } else {
                        #expect(text.contains("nndash sweep"), "\(width)x\(height)")
                    }
                }
            }
        }
    }

    @Test func aFailedStudyIsShownOverItsChartsWithItsMessage() throws {
        var buffer = Buffer(width: 120, height: 40)
        DashboardRenderer(screen: SweepScreen())
            .render(Self.frame(try Self.report(), failure: "loss is \u{1B}]0;pwned\u{07}NaN"), into: &buffer)
        let text = Self.text(buffer)
        #expect(text.contains("experiment failed: loss is"))
        #expect(text.contains("NaN"))
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("pwned"))
        // The charts are still drawn under the message.
        #expect(text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
    }
}
