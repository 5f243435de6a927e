import ArgumentParser
import NNStudies

// Options with a fixed set of values are parsed straight into their types: a value outside the
// set is ArgumentParser's one error ("The value 'x' is invalid for '--option <name>'. Please
// provide one of ...'"), printed as one line with exit status 2 like every usage error.
extension SweepFunction: ExpressibleByArgument {}
extension LearningRateSweep.Spacing: ExpressibleByArgument {}
extension SurfaceFunction: ExpressibleByArgument {}
extension ModelKind: ExpressibleByArgument {}
extension SchedulerKind: ExpressibleByArgument {}

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
