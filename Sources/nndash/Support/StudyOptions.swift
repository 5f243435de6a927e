import ArgumentParser
import NNCharts

/// Options every study subcommand takes: how to show it and where to record it.
struct StudyOptions: ParsableArguments {
    @Flag(help: "Print the chart as text and a summary table, then exit (the default when stdout is not a terminal).")
    var plain = false

    @Flag(help: "Print one JSON document with every series, then exit.")
    var json = false

    @Option(name: .customLong("delay-ms"), help: ArgumentHelp(
        "Pause this many milliseconds after each step, so the curves grow at a watchable pace (default: 30 in the dashboard, 0 otherwise).",
        valueName: "ms"))
    var delayMs: Int?

    @Option(name: .customLong("runs-dir"), help: ArgumentHelp("Record runs in folders under this one.", valueName: "dir"))
    var runsDir = "runs"

    @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal (its own text selection) instead of clicks, wheel zoom and drags.")
    var noMouse = false

    @Option(help: paletteHelp)
    var palette = Palette.Name.standard

    @Flag(name: .customLong("no-record"), help: "Do not record the run in a run folder.")
    var noRecord = false

    @OptionGroup var plainChart: PlainSizeOptions

    /// The size `--plain` draws each chart at.
    var plainSize: PlainSize { plainChart.size }

    func validate() throws {
        if plain && json { throw ValidationError("--plain and --json cannot be used together") }
        if let delayMs, delayMs < 0 || delayMs > 60_000 {
            throw ValidationError("--delay-ms must be between 0 and 60000, got \(delayMs)")
        }
        if runsDir.isEmpty { throw ValidationError("--runs-dir must not be empty") }
    }
}

/// What `--palette` says in every command's help (ArgumentParser adds the names it takes).
let paletteHelp = ArgumentHelp(
    "Series colours: okabe-ito is told apart with any colour-vision deficiency, light suits a light background, mono has no colour; NO_COLOR turns colour off whatever the palette.",
    valueName: "name")

/// Checks that an option's value is a finite number in range, naming the option and value otherwise.
func requireFinite(_ value: Double, _ option: String, positive: Bool = false, nonNegative: Bool = false) throws {
    guard value.isFinite else { throw ValidationError("\(option) must be a finite number, got \(value)") }
    if positive && value <= 0 { throw ValidationError("\(option) must be positive, got \(value)") }
    if nonNegative && value < 0 { throw ValidationError("\(option) must not be negative, got \(value)") }
}

/// Checks that an integer option lies in `range`, naming the option and value otherwise.
func requireRange(_ value: Int, _ option: String, _ range: ClosedRange<Int>) throws {
    guard range.contains(value) else {
        throw ValidationError("\(option) must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
    }
}

/// `--columns` and `--lines`: the size each `--plain` chart is drawn at.
struct PlainSizeOptions: ParsableArguments {
    @Option(name: .customLong("columns"),
            help: ArgumentHelp("Columns each --plain chart takes (40 to 1000; default: COLUMNS, else 100).", valueName: "n"))
    var plainWidth: Int?

    @Option(name: .customLong("lines"),
            help: ArgumentHelp("Rows each --plain chart takes (12 to 1000; default: LINES, else 24).", valueName: "n"))
    var plainHeight: Int?

    /// The size given, else the terminal's as the shell states it (`PlainSize.resolve`).
    var size: PlainSize { PlainSize.resolve(width: plainWidth, height: plainHeight) }

    func validate() throws {
        if let plainWidth { try requireRange(plainWidth, "--columns", PlainSize.widths) }
        if let plainHeight { try requireRange(plainHeight, "--lines", PlainSize.heights) }
    }
}
