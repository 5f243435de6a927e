import NNCharts

/// The table view of the watch: one row per run and tag with the curve's newest value,
/// extremes and where its minimum was, sortable by any column.
struct StatsTable {
    enum Column: Int, CaseIterable, Sendable {
        case run, tag, step, last, min, minStep, max

        var title: String {
            switch self {
            case .run: return "run"
            case .tag: return "tag"
            case .step: return "step"
            case .last: return "last"
            case .min: return "min"
            case .minStep: return "step of min"
            case .max: return "max"
            }
        }
    }

    struct Row: Equatable {
        var run: String
        var runIndex: Int
        var tag: String
        var stats: CurveStats
    }

    private(set) var rows: [Row]

    /// The rows of the curves whose run and tag pass `keep`, sorted by `column`.
    init(curves: WatchCurves, column: Column, descending: Bool, keep: (String, String) -> Bool) {
        var rows: [Row] = []
        for (r, run) in curves.runs.enumerated() {
            for curve in run.curves where keep(run.name, curve.tag) {
                rows.append(Row(run: run.name, runIndex: r, tag: curve.tag, stats: curve.stats))
            }
        }
        self.rows = Self.sorted(rows, by: column, descending: descending)
    }

    /// `rows` sorted by `column`; ties keep their order.
    static func sorted(_ rows: [Row], by column: Column, descending: Bool) -> [Row] {
        let order = rows.indices.sorted { a, b in
            switch compare(rows[a], rows[b], by: column) {
            case .some(let less): return descending ? !less : less
            case .none: return a < b
            }
        }
        return order.map { rows[$0] }
    }

    /// Whether `a` sorts before `b` by `column`; nil when they tie. NaN and missing values
    /// sort after numbers (before them when descending).
    private static func compare(_ a: Row, _ b: Row, by column: Column) -> Bool? {
        func numbers(_ x: Double?, _ y: Double?) -> Bool? {
            let x = x.flatMap { $0.isNaN ? nil : $0 }, y = y.flatMap { $0.isNaN ? nil : $0 }
            switch (x, y) {
            case let (x?, y?): return x == y ? nil : x < y
            case (nil, nil): return nil
            case (nil, _): return false
            case (_, nil): return true
            }
        }
        func texts(_ x: String, _ y: String) -> Bool? { x == y ? nil : x < y }
        switch column {
        case .run: return texts(a.run, b.run)
        case .tag: return texts(a.tag, b.tag)
        case .step: return numbers(a.stats.lastStep.map(Double.init), b.stats.lastStep.map(Double.init))
        case .last: return numbers(a.stats.last, b.stats.last)
        case .min: return numbers(a.stats.min, b.stats.min)
        case .minStep: return numbers(a.stats.minStep.map(Double.init), b.stats.minStep.map(Double.init))
        case .max: return numbers(a.stats.max, b.stats.max)
        }
    }

    /// The table widget, rows from `scroll` on, the sorted column's title marked.
    func widget(sortedBy column: Column, descending: Bool, scroll: Int, colorMode: ColorMode, marker: Marker) -> Table {
        let arrow = marker.isASCII ? (descending ? " v" : " ^") : (descending ? " ▼" : " ▲")
        let columns = Column.allCases.map { c in
            Table.Column("\(c.rawValue + 1) " + c.title + (c == column ? arrow : ""),
                         alignment: c == .run || c == .tag ? .left : .right, maxWidth: c == .run || c == .tag ? 40 : nil)
        }
        let shown = rows.dropFirst(scroll)
        let none = marker.isASCII ? "-" : "—"
        let text = shown.map { row -> [String] in
            let number = { (v: Double?) in v.map { NumberFormat.short($0) } ?? none }
            let step = { (v: Int64?) in v.map { "\($0)" } ?? none }
            return [row.run, row.tag, step(row.stats.lastStep), number(row.stats.last), number(row.stats.min),
                    step(row.stats.minStep), number(row.stats.max)]
        }
        var colors: [Int: Color] = [:]
        for (i, row) in shown.enumerated() { colors[i] = Palette.seriesColor(row.runIndex, mode: colorMode) }
        return Table(columns: columns, rows: text, rowColors: colors, marker: marker)
    }
}
