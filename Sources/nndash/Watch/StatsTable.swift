import NNCharts
import NNText

/// The table view of the watch: one row per run and tag (system metrics left out) with the
/// curve's newest value,
/// extremes and where its minimum was, then the run's hyperparameters (those that differ
/// between the runs shown, or all of them when none differ), sortable by any column.
struct StatsTable {
    enum Column: Hashable, Sendable {
        case run, tag, step, last, min, minStep, max
        /// A hyperparameter of the runs, by its key (safe to draw).
        case param(String)

        /// The columns every table has, in order; hyperparameters follow them.
        static let fixed: [Column] = [.run, .tag, .step, .last, .min, .minStep, .max]

        var title: String {
            switch self {
            case .run: return "run"
            case .tag: return "tag"
            case .step: return "step"
            case .last: return "last"
            case .min: return "min"
            case .minStep: return "step of min"
            case .max: return "max"
            case .param(let key): return key
            }
        }

        var isText: Bool {
            switch self {
            case .run, .tag, .param: return true
            default: return false
            }
        }
    }

    struct Row: Equatable {
        var run: String
        var runIndex: Int
        var tag: String
        var stats: CurveStats
        /// The run's hyperparameters, safe to draw.
        var params: [String: String] = [:]
    }

    private(set) var rows: [Row]
    /// The columns in the order drawn: the fixed ones, then the hyperparameters' keys.
    let columns: [Column]

    /// The rows of the curves whose run and tag pass `keep`, sorted by `column`.
    init(curves: WatchCurves, column: Column, descending: Bool, keep: (String, String) -> Bool) {
        var rows: [Row] = []
        for (r, run) in curves.runs.enumerated() {
            for curve in run.curves where !curve.isSystem && keep(run.name, curve.tag) {
                rows.append(Row(run: run.name, runIndex: r, tag: curve.tag, stats: curve.stats, params: run.params))
            }
        }
        columns = Column.fixed + Self.paramKeys(rows).map { .param($0) }
        self.rows = Self.sorted(rows, by: column, descending: descending)
    }

    /// The hyperparameters worth a column: the keys whose values differ between the rows' runs
    /// (one with and one without the key differ too), or every key when none differ; sorted.
    static func paramKeys(_ rows: [Row]) -> [String] {
        var runs: [Int: [String: String]] = [:]
        for row in rows { runs[row.runIndex] = row.params }
        let all = Set(runs.values.flatMap(\.keys)).sorted()
        let differing = all.filter { key in Set(runs.values.map { $0[key] }).count > 1 }
        return differing.isEmpty ? all : differing
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
    /// sort after numbers (before them when descending); a hyperparameter sorts as a number
    /// when both values read as numbers, numbers before text.
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
        case .param(let key):
            switch (a.params[key], b.params[key]) {
            case (nil, nil): return nil
            case (nil, _): return false
            case (_, nil): return true
            case let (x?, y?):
                switch (Double(x), Double(y)) {
                case let (u?, v?): return numbers(u, v) ?? texts(x, y)
                case (_?, nil): return true
                case (nil, _?): return false
                case (nil, nil): return texts(x, y)
                }
            }
        }
    }

    /// The table widget, rows from `scroll` on, the sorted column's title marked, the row
    /// at `cursor` highlighted and the rows of the `chosen` runs marked.
    func widget(sortedBy column: Column, descending: Bool, scroll: Int, cursor: Int? = nil, chosen: Set<Int> = [],
                colorMode: ColorMode, palette: Palette = .standard, dotGrid: DotGrid) -> Table {
        let arrow = dotGrid.isASCII ? (descending ? " v" : " ^") : (descending ? " ▼" : " ▲")
        let headers = columns.map { c in
            // Run names cut in the middle keep their ends: runs of a sweep share long beginnings.
            Table.Column(c.title + (c == column ? arrow : ""),
                         alignment: c.isText ? .left : .right, maxWidth: c.isText ? 40 : nil, cutsInMiddle: c == .run)
        }
        let shown = rows.dropFirst(scroll)
        let none = dotGrid.isASCII ? "-" : "—"
        let mark = dotGrid.isASCII ? "* " : "● "
        let text = shown.map { row -> [String] in
            let number = { (v: Double?) in v.map { NumberFormat.short($0) } ?? none }
            let step = { (v: Int64?) in v.map { "\($0)" } ?? none }
            let run = chosen.isEmpty ? row.run : (chosen.contains(row.runIndex) ? mark : "  ") + row.run
            return [run, row.tag, step(row.stats.lastStep), number(row.stats.last), number(row.stats.min),
                    step(row.stats.minStep), number(row.stats.max)]
                + columns.dropFirst(Column.fixed.count).map { c in
                    if case .param(let key) = c { return row.params[key] ?? none }
                    return none
                }
        }
        var colors: [Int: Color] = [:]
        for (i, row) in shown.enumerated() { colors[i] = palette.seriesColor(row.runIndex, mode: colorMode) }
        return Table(columns: headers, rows: text, selectedRow: cursor.map { $0 - scroll }, rowColors: colors, dotGrid: dotGrid)
    }
}
