import ArgumentParser
import NNStudies

// Options with a fixed set of values are parsed straight into their types: a value outside the
// set is ArgumentParser's one error ("The value 'x' is invalid for '--option <name>'. Please
// provide one of ...'"), printed as one line with exit status 2 like every usage error.
extension SweepFunction: ExpressibleByArgument {}
extension LearningRateSweep.Spacing: ExpressibleByArgument {}
extension SurfaceFunction: ExpressibleByArgument {}
extension ModelKind: ExpressibleByArgument {}
extension SchedulerKind: ExpressibleByArgument {}
