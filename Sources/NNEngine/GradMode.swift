import CKernels

/// Whether operations record the autograd graph on the current thread.
///
/// Grad mode is thread-local, as in PyTorch: a `noGrad` scope on one queue does not affect
/// work on another.
public enum GradMode {
    /// The number of open no-grad scopes on this thread.
    private static var disabledDepth: Int {
        get { nnk_thread().pointee.noGradDepth }
        set { nnk_thread().pointee.noGradDepth = newValue }
    }

    /// True unless the current thread is inside a `noGrad` scope.
    @inline(__always)
    public static var isEnabled: Bool { nnk_thread().pointee.noGradDepth == 0 }

    /// Runs `body` with gradient recording disabled on this thread.
    public static func withoutGrad<T>(_ body: () throws -> T) rethrows -> T {
        disabledDepth += 1
        defer { disabledDepth -= 1 }
        return try body()
    }

    /// Runs `body` with gradient recording switched on or off, whatever the enclosing scopes say.
    public static func with<T>(enabled: Bool, _ body: () throws -> T) rethrows -> T {
        let saved = disabledDepth
        disabledDepth = enabled ? 0 : saved + 1
        defer { disabledDepth = saved }
        return try body()
    }
}

/// Runs `body` without recording the autograd graph (PyTorch's `torch.no_grad()`).
public func noGrad<T>(_ body: () throws -> T) rethrows -> T {
    try GradMode.withoutGrad(body)
}

/// Runs `body` with gradient recording on or off (PyTorch's `torch.set_grad_enabled(mode)`):
/// `false` is `noGrad`, `true` records the graph even inside a `noGrad` scope.
public func setGradEnabled<T>(_ enabled: Bool, _ body: () throws -> T) rethrows -> T {
    try GradMode.with(enabled: enabled, body)
}
