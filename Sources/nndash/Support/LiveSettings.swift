import Synchronization

/// A study's settings that keys change while it runs: the screen writes them on the main queue,
/// the study reads them on the runner's queue at each restart.
final class LiveSettings<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    init(_ value: Value) { storage = Mutex(value) }

    var value: Value { storage.withLock { $0 } }

    /// Changes the settings in place and returns the result.
    @discardableResult
    func update<Result>(_ body: (inout Value) -> Result) -> Result {
        storage.withLock { body(&$0) }
    }
}
