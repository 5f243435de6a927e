import Foundation
import NNCharts

/// What a widget drew, decoded from the cells of its buffer, and where values belong,
/// computed independently of the charts (in Float80, whose range holds every Double's
/// square and every subnormal as a normal number).
public enum Drawing {
    /// A dot of a braille grid: column and row in dots from the grid's top-left.
    public struct Dot: Hashable, Sendable {
        public var x: Int
        public var y: Int

        public init(x: Int, y: Int) {
            self.x = x
            self.y = y
        }
    }

    /// The braille dots set in the cells of `rect`.
    public static func dots(in rect: Rect, of buffer: Buffer) -> Set<Dot> {
        let layout: [(UInt32, Int, Int)] = [
            (0x01, 0, 0), (0x02, 0, 1), (0x04, 0, 2), (0x08, 1, 0),
            (0x10, 1, 1), (0x20, 1, 2), (0x40, 0, 3), (0x80, 1, 3),
        ]
        var dots = Set<Dot>()
        for y in rect.y..<rect.maxY {
            for x in rect.x..<rect.maxX {
                guard let v = buffer[x, y].symbol.unicodeScalars.first?.value, (0x2801...0x28FF).contains(v)
                else { continue }
                for (bit, dx, dy) in layout where (v - 0x2800) & bit != 0 {
                    dots.insert(Dot(x: 2 * (x - rect.x) + dx, y: 4 * (y - rect.y) + dy))
                }
            }
        }
        return dots
    }

    /// The position of `value` on an axis of `positions` points spanning `range` (ends at the
    /// centres of the outer points), as a real number; nil where the scale has no place.
    public static func position(_ value: Double, range: ClosedRange<Double>, scale: Scale, positions: Int,
                         flipped: Bool) -> Float80? {
        func t(_ v: Double) -> Float80? {
            guard v.isFinite else { return nil }
            switch scale {
            case .linear: return Float80(v)
            case .log10: return v > 0 ? Float80(log10(v)) : nil
            }
        }
        guard let v = t(value), let low = t(range.lowerBound), let high = t(range.upperBound) else { return nil }
        let n = Float80(positions - 1)
        let p = high > low ? (v - low) / (high - low) * n : n / 2
        return flipped ? n - p : p
    }

    /// The whole positions a drawing may round `p` to: the nearest (halves up), and its
    /// neighbour when `p` lies within rounding noise of a half; clamped to `0..<positions`.
    public static func candidates(_ p: Float80, positions: Int) -> Set<Int> {
        let nearest = Int((p + 0.5).rounded(.down))
        var result: Set<Int> = [nearest]
        let fraction = p - p.rounded(.down)
        if abs(fraction - 0.5) < 1e-6 { result.formUnion([Int(p.rounded(.down)), Int(p.rounded(.down)) + 1]) }
        return Set(result.map { min(positions - 1, max(0, $0)) })
    }

    /// The number a tick or legend label writes: `0.25`, `-3e-5`, `12.5k`, `58.3%`.
    public static func number(_ label: String) -> Double? {
        var text = label.trimmingCharacters(in: .whitespaces)
        var factor = 1.0
        if text.hasSuffix("%") { text.removeLast(); factor = 0.01 }
        for (suffix, f) in [("k", 1e3), ("M", 1e6), ("G", 1e9)] where text.hasSuffix(suffix) {
            text.removeLast()
            factor *= f
        }
        return Double(text).map { $0 * factor }
    }
}

extension Drawing {
    /// The plot of a line chart drawn in `area`, found from its axes: the cells right of the
    /// y axis (`│`, `┤`) and above the x axis (`└`), as far right as the x axis runs.
    public static func linePlot(in buffer: Buffer, area: Rect) -> Rect? {
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX where buffer[x, y].symbol == "└" {
                var top = y
                while top > area.y && "│┤".contains(buffer[x, top - 1].symbol) { top -= 1 }
                var right = x + 1
                while right < area.maxX && "─┬✕".contains(buffer[right, y].symbol) { right += 1 }
                guard top < y, right > x + 1 else { return nil }
                return Rect(x: x + 1, y: top, width: right - x - 1, height: y - top)
            }
        }
        return nil
    }

    /// The y tick labels of a line chart: each label's row (from the plot's top) and text.
    public static func yLabels(in buffer: Buffer, plot: Rect, area: Rect) -> [(row: Int, label: String)] {
        (plot.y..<plot.maxY).compactMap { row in
            guard buffer[plot.x - 1, row].symbol == "┤" else { return nil }
            let text = String((area.x..<(plot.x - 1)).map { buffer[$0, row].symbol })
            return (row - plot.y, text.trimmingCharacters(in: .whitespaces))
        }
    }
}
