// Readers hand out raw strings from logs; whoever imports them gets `displaySafe` and
// `Output` with them.
@_exported import NNText
