import ArgumentParser
import NNCharts
import NNEngine
import NNStudies

// Options with a fixed set of values are parsed straight into their types: a value outside the
// set is ArgumentParser's one error ("The value 'x' is invalid for '--option <name>'. Please
// provide one of ...'"), printed as one line with exit status 2 like every usage error.
extension SweepFunction: ExpressibleByArgument {}
extension LearningRateSweep.Spacing: ExpressibleByArgument {}
extension SurfaceFunction: ExpressibleByArgument {}
extension ModelKind: ExpressibleByArgument {}
extension SchedulerKind: ExpressibleByArgument {}
extension Palette.Name: ExpressibleByArgument {}
extension TrainingConfiguration.Recipe: ExpressibleByArgument {}
extension SessionLoss: ExpressibleByArgument {}

/// `--loss`: PyTorch's module name in any case, with or without "Loss" (`NamedLoss.spelled`).
extension NamedLoss: ExpressibleByArgument {
    public init?(argument: String) {
        guard let loss = NamedLoss.spelled(argument) else { return nil }
        self = loss
    }

    public static var allValueStrings: [String] { all.map(\.name) }
    public var defaultValueDescription: String { name }
}

/// The optimizers one command's `--optimizer` takes, and why it refuses another of the engine's.
protocol OptimizerChoices {
    static var accepted: [OptimizerName] { get }
    /// Why `name`, an optimizer outside `accepted`, is refused by name; nil: it is not among the choices.
    static func refusal(of name: OptimizerName) -> String?
}

/// `--optimizer`'s value: one of the optimizers `Choices` accepts, or one it refuses with a
/// reason, which `validate()` gives. Any other name is ArgumentParser's error, which (like help
/// and completion) lists the command's choices.
struct OptimizerOption<Choices: OptimizerChoices>: ExpressibleByArgument, Hashable, Sendable {
    var name: OptimizerName

    init(_ name: OptimizerName) { self.name = name }

    init?(argument: String) {
        guard let name = OptimizerName(rawValue: argument),
              Choices.accepted.contains(name) || Choices.refusal(of: name) != nil else { return nil }
        self.name = name
    }

    static var allValueStrings: [String] { Choices.accepted.map(\.rawValue) }
    var defaultValueDescription: String { name.rawValue }

    /// Refuses an optimizer the command does not take, naming it and the reason.
    func validate() throws {
        guard !Choices.accepted.contains(name), let reason = Choices.refusal(of: name) else { return }
        throw ValidationError("--optimizer \(name.rawValue): \(reason)")
    }
}

/// The entries of the comma-separated list `text` (1 to 9 of them), each given to `parse` with
/// its `:`-separated parts.
/// - Throws: `ValidationError` naming `option` when the list is empty or longer than 9, or what `parse` throws.
func listEntries<Entry>(
    _ text: String, option: String, noun: String, _ parse: (_ entry: Substring, _ parts: [String]) throws -> Entry
) throws -> [Entry] {
    let entries = text.split(separator: ",", omittingEmptySubsequences: false)
    guard (1...9).contains(entries.count) else { throw ValidationError("\(option) must list 1 to 9 \(noun), got \(text)") }
    return try entries.map { entry in
        try parse(entry, entry.split(separator: ":", omittingEmptySubsequences: false).map(String.init))
    }
}
