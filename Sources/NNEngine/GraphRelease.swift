import CKernels

/// Frees autograd graphs without recursion.
///
/// Dropping the last reference to the output of a long chain of ops would otherwise free each
/// node from inside the previous node's deinit, one stack frame per op, and overflow the stack.
/// Instead deinits nested deeper than `nestingLimit` hand their grad function to this thread's
/// queue, and the outermost one drains the queue in a loop.
enum GraphRelease {
    /// One thread's queue. It is reached through a pointer, not a class, so that its accesses
    /// need no run-time exclusivity checks (it runs once per freed graph node).
    private struct Queue {
        var pending: [GradFunction] = []
    }

    /// The key whose destructor frees a thread's queue when the thread exits.
    private static let key = PerThreadBuffer.key { pointer in
        guard let queue = pointer?.assumingMemoryBound(to: Queue.self) else { return }
        nnk_thread().pointee.releaseQueue = nil
        queue.deinitialize(count: 1)
        queue.deallocate()
    }

    /// This thread's queue, made on first use (see `PerThreadBuffer` for when it is freed).
    private static var current: UnsafeMutablePointer<Queue> {
        if let pointer = nnk_thread().pointee.releaseQueue { return pointer.assumingMemoryBound(to: Queue.self) }
        let queue = PerThreadBuffer.make(Queue(), destructor: key)
        nnk_thread().pointee.releaseQueue = UnsafeMutableRawPointer(queue)
        return queue
    }

    /// How many nested deinits free their grad function at once before the rest queue up.
    static let nestingLimit = 64

    /// Takes ownership of a dying node's grad function and frees it (and what only it kept alive).
    ///
    /// Up to `nestingLimit` nested deinits free theirs directly, the common case of a short
    /// chain; deeper ones queue theirs, and the outermost drains the queue.
    static func release(_ function: consuming GradFunction) {
        let state = nnk_thread()
        if state.pointee.releaseDepth < nestingLimit {
            state.pointee.releaseDepth += 1
            _ = consume function
            state.pointee.releaseDepth -= 1
        } else {
            current.pointee.pending.append(function)
        }
        guard state.pointee.releaseDepth == 0, let queue = state.pointee.releaseQueue?.assumingMemoryBound(to: Queue.self),
              !queue.pointee.pending.isEmpty
        else { return }
        // Each queued function may free a chain of its own, up to the limit again.
        state.pointee.releaseDepth = 1
        while let next = queue.pointee.pending.popLast() {
            _ = consume next
        }
        state.pointee.releaseDepth = 0
    }
}
