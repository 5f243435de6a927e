import ArgumentParser
import NNCharts
import NNText

/// `nndash lesson N`: the experiments of lesson N in its order, each in its dashboard.
struct Lesson: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Walk through one of the five lessons: its experiments in order, each in its dashboard.",
        discussion: """
            Each step opens the command that shows one experiment of the lesson with the lesson's \
            parameters; the side panel says what to look at, and < and > open the previous and next \
            step. --plain prints every step's numbers, one after another. Lessons: \
            \(LessonPlan.all.map { "\($0.number) \($0.title)" }.joined(separator: "; ")).
            """)

    @Argument(help: "The lesson: 0 to \(LessonPlan.all.count - 1).")
    var number: Int

    @Option(help: "The step to open (1 is the first).")
    var step = 1

    @Flag(help: "Print every step's numbers as text instead of opening a dashboard.")
    var plain = false

    @Option(name: .customLong("runs-dir"), help: ArgumentHelp("Record the steps' runs in folders under this one.", valueName: "dir"),
            completion: .directory)
    var runsDir: String?

    @Flag(name: .customLong("no-record"), help: "Do not record the steps' runs.")
    var noRecord = false

    @Option(help: paletteHelp)
    var palette: Palette.Name?

    @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal (its own text selection) in the steps' dashboards.")
    var noMouse = false

    @OptionGroup var plainChart: PlainSizeOptions

    func validate() throws {
        guard let plan = LessonPlan.lesson(number) else {
            throw ValidationError("there is no lesson \(number): the lessons are 0 to \(LessonPlan.all.count - 1)")
        }
        try requireRange(step, "--step", 1...plan.steps.count)
        // The options passed on to the steps are checked by the steps' own commands.
        for s in plain ? plan.steps : [plan.steps[step - 1]] {
            _ = try Nndash.checkedCommand(s.arguments + (plain ? ["--plain"] : []) + kept)
        }
    }

    /// The options every step's command is given.
    var kept: [String] {
        (runsDir.map { ["--runs-dir", $0] } ?? []) + (noRecord ? ["--no-record"] : []) + (palette.map { ["--palette", $0.rawValue] } ?? [])
            + (noMouse ? ["--no-mouse"] : [])
            + (plainChart.plainWidth.map { ["--columns", String($0)] } ?? [])
            + (plainChart.plainHeight.map { ["--lines", String($0)] } ?? [])
    }

    func run() throws {
        guard let plan = LessonPlan.lesson(number) else { return }
        if plain {
            for (i, s) in plan.steps.enumerated() {
                Output.print("== lesson \(plan.number), step \(i + 1) of \(plan.steps.count): \(s.topic)")
                Output.print("$ nndash " + s.arguments.joined(separator: " "))
                Output.print(s.look)
                Output.print("")
                var command = try Nndash.checkedCommand(s.arguments + ["--plain"] + kept)
                try command.run()
                Output.print("")
            }
            return
        }
        let s = plan.steps[step - 1]
        Walkthrough.current.withLock {
            $0 = Walkthrough(lesson: number, step: step, count: plan.steps.count, topic: s.topic, look: s.look, kept: kept)
        }
        var command = try Nndash.checkedCommand(s.arguments + kept)
        try command.run()
    }
}
