import NNCharts

/// The rows and columns of charts on each page of the watch view, as the person sets them
/// (`--grid RxC`, `g` and `G`); without one, as many charts as fit at their smallest size.
struct WatchGrid: Equatable, Hashable, CustomStringConvertible {
    var rows: Int
    var columns: Int

    /// The most rows and columns either way.
    static let largest = 9
    /// The smallest chart a grid is shrunk to: narrower or lower, its axes and legend have no room.
    static let smallestChart = (width: 16, height: 5)

    init(rows: Int, columns: Int) {
        (self.rows, self.columns) = (rows, columns)
    }

    /// `RxC` (`2x3`, also `2X3`), each 1 to `largest`; nil for anything else.
    init?(_ text: String) {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let rows = Int(parts[0]), let columns = Int(parts[1]),
              (1...Self.largest).contains(rows), (1...Self.largest).contains(columns) else { return nil }
        (self.rows, self.columns) = (rows, columns)
    }

    var description: String { "\(rows)x\(columns)" }

    /// The grid that fits `area`: rows and columns cut so that each chart keeps `smallestChart`.
    func fitting(_ area: Rect) -> WatchGrid {
        WatchGrid(rows: max(1, min(rows, area.height / Self.smallestChart.height)),
                  columns: max(1, min(columns, Layout.columns(fitting: area.width, cellWidth: Self.smallestChart.width))))
    }

    /// The grids `g` steps through (and `G` back), after "as many as fit" (nil).
    static let presets = [WatchGrid(rows: 1, columns: 1), WatchGrid(rows: 1, columns: 2), WatchGrid(rows: 2, columns: 1),
                          WatchGrid(rows: 2, columns: 2), WatchGrid(rows: 2, columns: 3), WatchGrid(rows: 3, columns: 3)]

    /// The grid after `grid` (`by` 1) or before it (-1) in the cycle: as many as fit, then the
    /// presets; a grid set by `--grid` that is not a preset goes on from the preset of its size.
    static func cycled(_ grid: WatchGrid?, by step: Int) -> WatchGrid? {
        let cycle: [WatchGrid?] = [nil] + presets.map { $0 }
        let at: Int
        if let grid {
            at = cycle.firstIndex(of: grid)
                ?? (presets.lastIndex { $0.rows * $0.columns <= grid.rows * grid.columns }.map { $0 + 1 } ?? 1)
        } else {
            at = 0
        }
        return cycle[((at + step) % cycle.count + cycle.count) % cycle.count]
    }
}
