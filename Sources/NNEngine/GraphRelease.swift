import CKernels
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
enum GraphRelease {
    /// One thread's queue. It is reached through a pointer, not a class, so that its accesses
    /// need no run-time exclusivity checks (it runs once per freed graph node).
    private struct Queue {
        var pending: [GradFunction] = []
        var draining = false
    }

    /// The key whose destructor frees a thread's queue when the thread exits.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            guard let queue = pointer?.assumingMemoryBound(to: Queue.self) else { return }
            nnk_thread().pointee.releaseQueue = nil
            queue.deinitialize(count: 1)
            queue.deallocate()
        }
        return key
    }()

    /// This thread's queue, made on first use; the key's destructor frees it.
    private static var current: UnsafeMutablePointer<Queue> {
        if let pointer = nnk_thread().pointee.releaseQueue { return pointer.assumingMemoryBound(to: Queue.self) }
        let queue = UnsafeMutablePointer<Queue>.allocate(capacity: 1)
        queue.initialize(to: Queue())
        pthread_setspecific(key, queue)
        nnk_thread().pointee.releaseQueue = UnsafeMutableRawPointer(queue)
        return queue
    }

    /// Takes ownership of a dying node's grad function and frees it (and what only it kept alive).
    static func release(_ function: consuming GradFunction) {
        let queue = current
        queue.pointee.pending.append(function)
        guard !queue.pointee.draining else { return }
        queue.pointee.draining = true
        while let next = queue.pointee.pending.popLast() {
            _ = consume next
        }
        queue.pointee.draining = false
    }
}
