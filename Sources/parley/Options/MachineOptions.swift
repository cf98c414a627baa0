import ArgumentParser

/// Whether answers include machine-coded positions (`parley import gdelt`): left out by default,
/// so they never pass for curated ones.
struct MachineOptions: ParsableArguments {
  @Flag(
    name: .customLong("include-machine"),
    help:
      "Include machine-coded positions imported from event data (GDELT); their propositions say so."
  )
  var includeMachine = false
}
