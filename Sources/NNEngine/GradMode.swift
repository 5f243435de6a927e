#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether operations record the autograd graph on the current thread.
///
/// Grad mode is thread-local, as in PyTorch: a `noGrad` scope on one queue does not affect
/// work on another.
public enum GradMode {
    /// The thread-local key holding how many `noGrad` scopes are open on a thread.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The number of open no-grad scopes on this thread.
    private static var disabledDepth: Int {
        get { Int(bitPattern: pthread_getspecific(key)) }
        set { pthread_setspecific(key, UnsafeRawPointer(bitPattern: newValue)) }
    }

    /// True unless the current thread is inside a `noGrad` scope.
    @inline(__always)
    public static var isEnabled: Bool { pthread_getspecific(key) == nil }

    /// Runs `body` with gradient recording disabled on this thread.
    public static func withoutGrad<T>(_ body: () throws -> T) rethrows -> T {
        disabledDepth += 1
        defer { disabledDepth -= 1 }
        return try body()
    }
}

/// Runs `body` without recording the autograd graph (PyTorch's `torch.no_grad()`).
public func noGrad<T>(_ body: () throws -> T) rethrows -> T {
    try GradMode.withoutGrad(body)
}
