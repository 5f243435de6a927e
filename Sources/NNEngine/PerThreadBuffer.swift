import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffer of the engine's for one thread (the storage pool's shelf, the graph release queue),
/// reached through the C thread state and freed by a pthread key's destructor when its thread
/// exits.
enum PerThreadBuffer {
    /// A new buffer holding `value`, handed to `key`'s destructor for this thread.
    ///
    /// The main thread's buffer gets no destructor: it ends with the process, or Dispatch parks
    /// it with `pthread_exit`, which runs its destructors while the process goes on (and under
    /// AddressSanitizer on a stack the sanitizer has already retired).
    static func make<Value>(_ value: Value, destructor key: pthread_key_t) -> UnsafeMutablePointer<Value> {
        let buffer = UnsafeMutablePointer<Value>.allocate(capacity: 1)
        buffer.initialize(to: value)
        if !Thread.isMainThread { pthread_setspecific(key, buffer) }
        return buffer
    }

    /// A pthread key whose destructor runs `free` on a thread's buffer when the thread exits.
    static func key(_ free: @escaping @convention(c) (UnsafeMutableRawPointer?) -> Void) -> pthread_key_t {
        var key = pthread_key_t()
        pthread_key_create(&key, free)
        return key
    }
}
