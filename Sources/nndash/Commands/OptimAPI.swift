import ArgumentParser
import NNEngine
import NNStudies

/// `nndash optim-api`: lesson 000's optimizer API, one call at a time.
struct OptimAPI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optim-api",
        abstract: "An optimizer's param_groups and state, call by call: step, zero_grad, add_param_group, state_dict, load_state_dict.",
        discussion: """
            The model is lesson 000's weight (torch.manual_seed(1); torch.randn(2, 2)) and a bias of \
            two zeros in no param group, fit by MSE to four points (--loss sum instead gives every \
            gradient as ones, as the lesson sets weight.grad by hand). The optimizer starts over the \
            weight alone. --actions is the script of calls, comma-separated: step (zero_grad() \
            unless turned off, backward(), step()), zero-grad-off and zero-grad-on (without it \
            gradients add up), add-group (add_param_group with the bias and --group-lr; every other \
            option from the defaults), save (state_dict()) and load (a new optimizer over the same \
            values loads the saved state dict; the one it replaced runs on beside it, and the \
            largest difference between their parameters is shown). \
            Charts: param_groups side by side; each parameter's values, .grad (None) and state; \
            the calls, latest first; the loss by step. Keys make the next call: n step, g zero_grad \
            on/off, a add group, c save, o load, u undo.
            """)

    @Option(help: ArgumentHelp("The optimizer, by PyTorch's class name.", valueName: "name"))
    var optimizer = OptimizerOption<SessionOptimizers>(.SGD)

    @Option(help: "The constructor's lr (lesson 000's state_dict example uses 0.1).")
    var lr = 0.1

    @Option(help: "The constructor's momentum, for SGD and RMSprop (lesson 000: 0.9).")
    var momentum = 0.9

    @Option(name: .customLong("group-lr"), help: "The lr of the group add-group adds (lesson 000: 0.0001).")
    var groupLR = 0.0001

    @Option(help: "The loss: mse (the model on four points) or sum (every gradient is ones, as the lesson sets it).")
    var loss = SessionLoss.mse

    @Option(help: ArgumentHelp("The calls, comma-separated: step, zero-grad-off, zero-grad-on, add-group, save, load.",
                               valueName: "calls"))
    var actions = OptimizerSession.Configuration.lessonActions.map(\.rawValue).joined(separator: ",")

    @OptionGroup var options: StudyOptions

    func validate() throws {
        try optimizer.validate()
        try requireFinite(lr, "--lr", nonNegative: true)
        try requireFinite(momentum, "--momentum", nonNegative: true)
        try requireFinite(groupLR, "--group-lr", nonNegative: true)
        if optimizer.name.takesMomentum {
            // PyTorch takes any momentum ≥ 0; above 1 the buffer grows without bound.
            guard momentum < 1 else { throw ValidationError("--momentum must be below 1, got \(momentum)") }
        }
        _ = try parsedActions()
    }

    /// `--actions` as calls; an unknown one is an error naming it.
    func parsedActions() throws -> [SessionAction] {
        guard !actions.isEmpty else { throw ValidationError("--actions must list at least one call, got an empty list") }
        let entries = actions.split(separator: ",", omittingEmptySubsequences: false)
        let limit = OptimizerSession.Configuration.maximumActions
        guard entries.count <= limit else { throw ValidationError("--actions must list at most \(limit) calls, got \(entries.count)") }
        return try entries.map { entry in
            let name = entry.trimmingCharacters(in: .whitespaces)
            guard let action = SessionAction(rawValue: name) else {
                throw ValidationError("--actions entries must be one of \(SessionAction.allCases.map(\.rawValue).joined(separator: ", ")), got \(entry)")
            }
            return action
        }
    }

    func run() throws {
        var configuration = OptimizerSession.Configuration(actions: try parsedActions())
        (configuration.optimizer, configuration.lr, configuration.momentum) = (optimizer.name, lr, momentum)
        (configuration.groupLR, configuration.loss) = (groupLR, loss)
        _ = try OptimizerSession.checked(configuration)
        let settings = LiveSettings(configuration)
        var options = self.options
        // Each key replays the script from the start: no pause between its calls unless asked.
        if options.delayMs == nil { options.delayMs = 0 }
        try StudyLauncher(options: options, screen: OptimizerSessionScreen(settings: settings))
            .launch { OptimizerSession(settings.value) }
    }
}

/// `optim-api`'s optimizers: those the session builds.
enum SessionOptimizers: OptimizerChoices {
    static var accepted: [OptimizerName] { OptimizerSession.Configuration.optimizers }
    static func refusal(of name: OptimizerName) -> String? { nil }
}
