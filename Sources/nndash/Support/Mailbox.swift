import Synchronization

/// The newest value between a producer's queue and the main queue: each `put` replaces the
/// value not yet taken, so the main queue is told once however many arrive meanwhile.
final class Mailbox<Value: Sendable>: Sendable {
    private let slot = Mutex<Value?>(nil)

    /// Stores `value`; true when the main queue must be told (nothing was waiting).
    func put(_ value: Value) -> Bool {
        slot.withLock { latest in
            defer { latest = value }
            return latest == nil
        }
    }

    /// The newest value, if one arrived since the last call.
    func take() -> Value? {
        slot.withLock { latest in
            defer { latest = nil }
            return latest
        }
    }
}
