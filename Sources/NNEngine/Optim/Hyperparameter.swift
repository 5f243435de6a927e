/// One value of an optimizer's parameter-group options, keyed by PyTorch's name (`"lr"`, `"betas"`, `"nesterov"`).
///
/// Literals build it directly: `["lr": 0.1, "betas": [0.9, 0.999], "amsgrad": true, "line_search_fn": nil]`.
public enum Hyperparameter: Sendable, Equatable, Codable, CustomStringConvertible,
    ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByNilLiteral
{
    /// A number (`lr`, `momentum`, integers such as `max_iter` too).
    case number(Double)
    /// A flag (`nesterov`, `amsgrad`, `maximize`).
    case flag(Bool)
    /// A name (`line_search_fn`).
    case text(String)
    /// A tuple of numbers (`betas`, `etas`, `step_sizes`).
    case numbers([Double])
    /// PyTorch's None.
    case null

    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(booleanLiteral value: Bool) { self = .flag(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(arrayLiteral elements: Double...) { self = .numbers(elements) }
    public init(nilLiteral: ()) { self = .null }

    /// The number, or nil for any other case.
    public var number: Double? { if case .number(let v) = self { v } else { nil } }
    /// The flag, or nil for any other case.
    public var flag: Bool? { if case .flag(let v) = self { v } else { nil } }
    /// The text, or nil for any other case.
    public var text: String? { if case .text(let v) = self { v } else { nil } }
    /// The list of numbers, or nil for any other case.
    public var numbers: [Double]? { if case .numbers(let v) = self { v } else { nil } }

    public var description: String {
        switch self {
        case .number(let v): "\(v)"
        case .flag(let v): v ? "True" : "False"
        case .text(let v): v
        case .numbers(let v): "(" + v.map { "\($0)" }.joined(separator: ", ") + ")"
        case .null: "None"
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let v = try? container.decode(Bool.self) {
            self = .flag(v)
        } else if let v = try? container.decode(Double.self) {
            self = .number(v)
        } else if let v = try? container.decode([Double].self) {
            self = .numbers(v)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let v): try container.encode(v)
        case .flag(let v): try container.encode(v)
        case .text(let v): try container.encode(v)
        case .numbers(let v): try container.encode(v)
        case .null: try container.encodeNil()
        }
    }
}
