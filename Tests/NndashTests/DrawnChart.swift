@testable import nndash
import NNCharts

/// Reads back what a line chart drew in a buffer: its x axis (tick columns and their values)
/// and where its marks are, so a test compares the picture with the data.
struct DrawnChart {
    let buffer: Buffer
    /// The row of the x axis (`└`).
    let axisRow: Int
    /// The column of the y axis, and the first row of the plot.
    let axisColumn: Int
    let plotTop: Int
    /// (column, value) of every x tick, read from the labels under the `┬` marks.
    let xTicks: [(column: Int, value: Double)]

    init?(_ buffer: Buffer) {
        self.buffer = buffer
        guard let row = (0..<buffer.height).first(where: { y in (0..<buffer.width).contains { buffer[$0, y].symbol == "└" } })
        else { return nil }
        axisRow = row
        let column = (0..<buffer.width).first { buffer[$0, row].symbol == "└" }!
        axisColumn = column
        plotTop = (0..<row).first { ["│", "┤"].contains(buffer[column, $0].symbol) } ?? row
        var ticks: [(Int, Double)] = []
        for x in 0..<buffer.width where buffer[x, row].symbol == "┬" && row + 1 < buffer.height {
            // The label under the tick (it may be centred on it).
            var start = x
            while start > 0, buffer[start - 1, row + 1].symbol != " " { start -= 1 }
            var text = ""
            var c = start
            while c < buffer.width, buffer[c, row + 1].symbol != " " { text.append(buffer[c, row + 1].symbol); c += 1 }
            if let value = Double(text) { ticks.append((x, value)) }
        }
        xTicks = ticks
    }

    /// The column the x value `x` falls in, by the first and last ticks' labels.
    func column(ofX x: Double) -> Double? {
        guard let first = xTicks.first, let last = xTicks.last, last.value != first.value else { return nil }
        return Double(first.column) + (x - first.value) / (last.value - first.value) * Double(last.column - first.column)
    }

    /// The cells of the plot holding `symbol`.
    func cells(_ symbol: Character) -> [(x: Int, y: Int)] {
        (plotTop..<axisRow).flatMap { y in (0..<buffer.width).filter { buffer[$0, y].symbol == symbol }.map { ($0, y) } }
    }

    /// Whether the cell holds a braille pattern with at least one dot.
    func isBraille(_ x: Int, _ y: Int) -> Bool {
        guard let scalar = buffer[x, y].symbol.unicodeScalars.first else { return false }
        return (0x2801...0x28FF).contains(scalar.value)
    }
}
