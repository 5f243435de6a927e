import Foundation
import Synchronization

/// A request, from another thread (a key in the dashboard), that a training run save its
/// state at its next step.
public final class CheckpointRequest: Sendable {
    /// Where the checkpoint goes.
    public let url: URL
    private let pending = Mutex(false)

    public init(url: URL) { self.url = url }

    /// Asks for a checkpoint.
    public func request() { pending.withLock { $0 = true } }

    /// True once per request: clears the request.
    public func take() -> Bool { pending.withLock { value in defer { value = false }; return value } }
}
