/// Why a reference file or one of its cases could not be checked.
public enum ParityError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file could not be read or parsed.
    case unreadable(path: String, reason: String)
    /// A case of a kind, name or parameter the engine does not support.
    case unsupported(String)
    /// A case missing a field or holding a value of the wrong type.
    case malformed(String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "cannot read \(path): \(reason)"
        case .unsupported(let what): return "unsupported: \(what)"
        case .malformed(let what): return "malformed case: \(what)"
        }
    }
}
