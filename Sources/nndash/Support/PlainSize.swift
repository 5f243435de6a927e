import Foundation

/// The size `--plain` draws each chart at: `--columns` and `--lines` when given, else the
/// terminal size the environment states (`COLUMNS`, `LINES`, as shells export them), else
/// 100 x 24. A chart is drawn one terminal high, so each fits on a screen.
struct PlainSize: Equatable {
    var width: Int
    var height: Int

    static let widths = 40...1_000
    static let heights = 12...1_000
    static let standard = PlainSize(width: 100, height: 24)

    /// - Parameter environment: `COLUMNS` and `LINES` are read from it; a value out of range or
    ///   not a number is ignored, as ncurses ignores it.
    static func resolve(width: Int?, height: Int?,
                        environment: [String: String] = ProcessInfo.processInfo.environment) -> PlainSize {
        func stated(_ name: String, _ range: ClosedRange<Int>) -> Int? {
            environment[name].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.flatMap { range.contains($0) ? $0 : nil }
        }
        return PlainSize(width: width ?? stated("COLUMNS", widths) ?? standard.width,
                         height: height ?? stated("LINES", heights) ?? standard.height)
    }
}
