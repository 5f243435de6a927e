import NNEngine
import NNRuns

/// Checks kind `optimizer_error`: an optimizer over `groups` (one parameter each, valued `initial`)
/// given the dense gradients `grads` must refuse the step with PyTorch's message `error`
/// (SparseAdam refusing dense gradients).
extension ParityRunner {
    func checkOptimizerError(_ c: ParityCase) throws {
        guard let groups = try c.require("groups").arrayValue, let initial = try c.require("initial").arrayValue,
              let grads = try c.require("grads").arrayValue, groups.count == initial.count, grads.count == initial.count
        else { throw ParityError.malformed("\(c.id): groups, initial and grads must be arrays of one length") }
        guard let expected = try c.require("error").stringValue else { throw ParityError.malformed("\(c.id): error is not a string") }
        let params = try initial.map { try c.tensor($0, requiresGrad: true) }
        let paramGroups = zip(groups, params).map { options, p in
            ParamGroup(params: [p], options: Self.hyperparameters(options))
        }
        let optimizer = try Optimizer.named(c.name, paramGroups: paramGroups)
        for (p, g) in zip(params, grads) { p.grad = try c.tensor(g) }
        let message: String
        do {
            try optimizer.step()
            message = "no error"
        } catch {
            message = "\(error)"
        }
        if message != expected {
            c.fail("error \"\(expected.displaySafe)\", got \"\(message.displaySafe)\"", expected: .nan, actual: .nan,
                   largestError: .infinity)
        }
    }
}
