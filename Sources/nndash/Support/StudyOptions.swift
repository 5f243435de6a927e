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

    @Option(name: .customLong("runs-dir"), help: ArgumentHelp("Record runs in folders under this one.", valueName: "dir"),
            completion: .directory)
    var runsDir = "runs"

    @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal (its own text selection) instead of clicks, wheel zoom and drags.")
    var noMouse = false

    @Option(help: paletteHelp)
    var palette = Palette.Name.standard

    @Flag(name: .customLong("no-record"), help: "Do not record the run in a run folder.")
    var noRecord = false

    // `--columns` and `--lines` as `PlainSizeOptions` declares them, but not as a group nested in
    // this one: ArgumentParser's debug build checks a group's declarations again each time it
    // builds the group's arguments, and for a nested group once more per check of the group around
    // it, which made every study's command line several times dearer to parse in the tests. Nesting
    // the group again made HostileOptionWalkTests 196 -> 266 CPU seconds (2 cores, quiet machine).
    @Option(name: .customLong("columns"), help: PlainSizeOptions.columnsHelp)
    var plainWidth: Int?

    @Option(name: .customLong("lines"), help: PlainSizeOptions.linesHelp)
    var plainHeight: Int?

    /// The size `--plain` draws each chart at.
    var plainSize: PlainSize { PlainSize.resolve(width: plainWidth, height: plainHeight) }

    func validate() throws {
        if plain && json { throw ValidationError("--plain and --json cannot be used together") }
        if let delayMs, delayMs < 0 || delayMs > 60_000 {
            throw ValidationError("--delay-ms must be between 0 and 60000, got \(delayMs)")
        }
        if runsDir.isEmpty { throw ValidationError("--runs-dir must not be empty") }
        try PlainSizeOptions.check(width: plainWidth, height: plainHeight)
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
    static let columnsHelp = ArgumentHelp("Columns each --plain chart takes (40 to 1000; default: COLUMNS, else 100).", valueName: "n")
    static let linesHelp = ArgumentHelp("Rows each --plain chart takes (12 to 1000; default: LINES, else 24).", valueName: "n")

    @Option(name: .customLong("columns"), help: columnsHelp)
    var plainWidth: Int?

    @Option(name: .customLong("lines"), help: linesHelp)
    var plainHeight: Int?

    /// The size given, else the terminal's as the shell states it (`PlainSize.resolve`).
    var size: PlainSize { PlainSize.resolve(width: plainWidth, height: plainHeight) }

    func validate() throws { try Self.check(width: plainWidth, height: plainHeight) }

    /// Checks the sizes given, naming the option and value of one out of range.
    static func check(width: Int?, height: Int?) throws {
        if let width { try requireRange(width, "--columns", PlainSize.widths) }
        if let height { try requireRange(height, "--lines", PlainSize.heights) }
    }
}
