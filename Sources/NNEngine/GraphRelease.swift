#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Frees autograd graphs without recursion.
///
/// Dropping the last reference to the output of a long chain of ops would otherwise free each
/// node from inside the previous node's deinit, one stack frame per op, and overflow the stack.
/// Instead a dying node hands its grad function to this thread's queue; the outermost deinit
/// drains the queue in a loop, so nested deinits only enqueue.
final class GraphRelease {
    private var pending: [GradFunction] = []
    private var draining = false

    /// This thread's queue, released when the thread exits.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<GraphRelease>.fromOpaque(pointer).release() }
        }
        return key
    }()

    private static var current: GraphRelease {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<GraphRelease>.fromOpaque(pointer).takeUnretainedValue()
        }
        let queue = GraphRelease()
        pthread_setspecific(key, Unmanaged.passRetained(queue).toOpaque())
        return queue
    }

    /// Takes ownership of a dying node's grad function and frees it (and what only it kept alive).
    static func release(_ function: consuming GradFunction) {
        let queue = current
        queue.pending.append(function)
        guard !queue.draining else { return }
        queue.draining = true
        while let next = queue.pending.popLast() {
            _ = consume next
        }
        queue.draining = false
    }
}
