import Foundation
import NNEngine
import NNRuns

/// A loss example with one's own inputs: a loss by PyTorch's name, its inputs and target as
/// nested lists (`[[1, 2], [1, 3]]`), and its other arguments as `name=value`
/// (`weight=[0.7, 0.3]`, `margin=1`, `log_input=False`, `input_lengths=[50, 50]`).
public struct LossRequest: Hashable, Sendable {
    /// The loss's name as typed.
    public var loss: String
    /// The inputs in PyTorch's order (`input`, or `input1` and `input2`, or anchor, positive and negative).
    public var inputs: [String]
    public var target: String?
    /// The other arguments, each `name=value`.
    public var options: [String]

    /// The most values one tensor may hold.
    public static let maximumValues = 100_000

    public init(loss: String, inputs: [String], target: String?, options: [String]) {
        self.loss = loss
        self.inputs = inputs
        self.target = target
        self.options = options
    }

    /// A request typed as one line: the loss's name, then its tensors and `name=value` arguments,
    /// separated by `;` (`MSELoss; [1, 2]; [3, 4]`). The last tensor is the target when the loss
    /// takes one; the others are its inputs in order.
    /// - Throws: `LossRequestError` for an empty line or a name that is no loss.
    public init(line: String) throws(LossRequestError) {
        let parts = line.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let name = parts.first else { throw LossRequestError("type a loss, then its tensors: MSELoss; [1, 2]; [3, 4]") }
        let loss = try Self.namedLoss(name)
        var tensors = parts.dropFirst().filter { !$0.contains("=") }
        let takesTarget = loss.operands.contains { $0.name == "target" || $0.name == "targets" }
        let target = takesTarget ? tensors.popLast() : nil
        self.init(loss: name, inputs: Array(tensors), target: target, options: parts.dropFirst().filter { $0.contains("=") })
    }

    /// The request as `init(line:)` reads it.
    public var line: String { ([loss] + inputs + (target.map { [$0] } ?? []) + options).joined(separator: "; ") }

    /// The loss `loss` names: PyTorch's module name in any case, with or without "Loss".
    /// - Throws: `LossRequestError` naming the value and listing the names.
    public static func namedLoss(_ loss: String) throws(LossRequestError) -> NamedLoss {
        guard let found = NamedLoss.spelled(loss) else {
            throw LossRequestError("--loss '\(loss)' names no loss (known: \(NamedLoss.all.map(\.name).joined(separator: ", ")))")
        }
        return found
    }

    /// A tensor typed as a number or nested lists of numbers: its shape and row-major values.
    /// - Throws: `LossRequestError` naming `what` and the text when it is no such list.
    public static func tensor(_ text: String, _ what: String) throws(LossRequestError) -> (shape: [Int], values: [Double]) {
        guard let value = try? JSONValue(parsing: text) else {
            throw LossRequestError("\(what) '\(text)' is not a number or a list of numbers such as [[1, 2], [3, 4]]")
        }
        func shape(of value: JSONValue) -> [Int]? {
            if value.doubleValue != nil, value.boolValue == nil { return [] }
            guard let items = value.arrayValue, let first = items.first, let inner = shape(of: first) else {
                return value.arrayValue?.isEmpty == true ? [0] : nil
            }
            for item in items.dropFirst() where shape(of: item) != inner { return nil }
            return [items.count] + inner
        }
        func flatten(_ value: JSONValue, into values: inout [Double]) {
            if let number = value.doubleValue { values.append(number) } else { for item in value.arrayValue ?? [] { flatten(item, into: &values) } }
        }
        guard let dims = shape(of: value), dims.count <= 4 else {
            throw LossRequestError("\(what) '\(text)' is not a rectangular list of numbers of at most 4 dimensions")
        }
        var values: [Double] = []
        flatten(value, into: &values)
        guard values.count <= maximumValues else {
            throw LossRequestError("\(what) '\(text.prefix(40))...' has \(counted(values.count, "value")), more than \(maximumValues)")
        }
        guard values.allSatisfy(\.isFinite) else { throw LossRequestError("\(what) '\(text)' holds a number too large to be finite") }
        return (dims, values)
    }

    /// An `--option` value: a flag or a tensor.
    public enum ArgumentValue: Sendable {
        case flag(Bool)
        case tensor(shape: [Int], values: [Double])
    }

    /// `option` split into its name, its value as typed, and the value.
    /// - Throws: `LossRequestError` when it is not `NAME=VALUE` with a flag, number or list.
    public static func argument(_ option: String) throws(LossRequestError) -> (name: String, text: String, value: ArgumentValue) {
        guard let equals = option.firstIndex(of: "="), equals != option.startIndex else {
            throw LossRequestError("--option '\(option)' is not NAME=VALUE")
        }
        let name = String(option[..<equals]), text = String(option[option.index(after: equals)...])
        switch text {
        case "True", "true": return (name, text, .flag(true))
        case "False", "false": return (name, text, .flag(false))
        default:
            let tensor = try Self.tensor(text, "--option \(name)")
            return (name, text, .tensor(shape: tensor.shape, values: tensor.values))
        }
    }

    /// Checks every value's syntax, then that they fit the loss; returns its example under each reduction.
    /// - Throws: `LossRequestError` naming the first value that is wrong, or the loss's own refusal.
    public func example() throws(LossRequestError) -> LossExample {
        let parsedInputs = try inputs.map { text throws(LossRequestError) in (text, try Self.tensor(text, "--input")) }
        let parsedTarget = try target.map { text throws(LossRequestError) in try Self.tensor(text, "--target") }
        var named: [String: (shape: [Int], values: [Double])] = [:]
        var arguments: [String: NamedLoss.Argument] = [:]
        var spelled: [String] = []
        for option in options {
            let (name, text, value) = try Self.argument(option)
            switch value {
            case .flag(let flag): arguments[name] = .flag(flag)
            case .tensor(let shape, let values):
                named[name] = (shape, values)
                arguments[name] = shape.isEmpty ? .number(values[0]) : .numbers(values)
            }
            spelled.append("\(name)=\(text)")
        }
        let loss = try Self.namedLoss(self.loss)
        let keywords = Set(loss.keywords.map(\.name))
        let operandNames = loss.operands.map(\.name)
        for name in arguments.keys.sorted() where !keywords.contains(name) && !operandNames.contains(name) {
            let known = loss.keywords.map(\.name) + operandNames
            throw LossRequestError("--option \(name): \(loss.name) takes no argument '\(name)' (it takes \(known.joined(separator: ", ")))")
        }
        // --input fills the operands before the target, in order; --target the one named target(s).
        let targetName = operandNames.first { $0 == "target" || $0 == "targets" }
        let inputNames = operandNames.filter { $0 != targetName }.filter { named[$0] == nil }
        guard parsedInputs.count <= inputNames.count, !parsedInputs.isEmpty else {
            throw LossRequestError("\(loss.name) takes \(inputNames.count) --input (\(inputNames.joined(separator: ", "))), got \(parsedInputs.count)")
        }
        for (name, (_, value)) in zip(inputNames, parsedInputs) { named[name] = value }
        if let targetName {
            guard let parsedTarget else { throw LossRequestError("\(loss.name) needs --target") }
            named[targetName] = parsedTarget
        } else if target != nil {
            throw LossRequestError("\(loss.name) takes no --target")
        }
        var tensors: [String: Tensor] = [:], integers: [String: IntTensor] = [:]
        var operands: [LossExample.Operand] = []
        for operand in loss.operands {
            guard let value = named[operand.name] else { throw LossRequestError("\(loss.name) needs its \(operand.name)") }
            operands.append(LossExample.Operand(name: operand.name, shape: value.shape, values: value.values, summary: nil))
            // CrossEntropyLoss takes class indices or, shaped as its input, class probabilities.
            let probabilities = loss.name == "CrossEntropyLoss" && value.shape == named["input"]?.shape
            if operand.integer && !probabilities {
                if let bad = value.values.first(where: { $0.rounded() != $0 || Swift.abs($0) > Double(Int32.max) }) {
                    throw LossRequestError("\(loss.name)'s \(operand.name) holds whole numbers, got \(bad)")
                }
                integers[operand.name] = try Self.integerTensor(value, operand.name)
                continue
            }
            tensors[operand.name] = Tensor(value.values.map { Float($0) }, shape: value.shape)
        }
        for name in arguments.keys where operandNames.contains(name) { arguments[name] = nil }
        do {
            return try LossExample(lesson: nil, loss: loss.name, options: spelled.filter { spell in
                !operandNames.contains(String(spell.prefix { $0 != "=" }))
            }.joined(separator: ", "), inputs: operands, reductions: loss.reductions) { reduction in
                try loss(tensors: tensors, integers: integers, arguments: arguments, reduction: reduction)
            }
        } catch let error as LossRequestError {
            throw error
        } catch {
            throw LossRequestError("\(loss.name): \(error)")
        }
    }

    private static func integerTensor(_ value: (shape: [Int], values: [Double]), _ name: String) throws(LossRequestError) -> IntTensor {
        do {
            return try IntTensor(value.values.map { Int($0) }, shape: value.shape)
        } catch {
            throw LossRequestError("\(name): \(error)")
        }
    }
}

/// Why a loss request was refused, in one line that names the value.
public struct LossRequestError: Error, Equatable, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
