/// Sets the momentum a cyclic scheduler drives: `"momentum"`, or beta1 of `"betas"` for Adam-like optimizers.
enum MomentumCycling {
    static func set(_ momentum: Double, group index: Int, of optimizer: Optimizer, beta1: Bool) {
        if beta1 {
            var betas = optimizer.paramGroups[index]["betas"].numbers ?? [0, 0]
            betas[0] = momentum
            optimizer.setOption("betas", .numbers(betas), group: index)
        } else {
            optimizer.setOption("momentum", .number(momentum), group: index)
        }
    }
}
