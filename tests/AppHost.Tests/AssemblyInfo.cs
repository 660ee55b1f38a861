// Each test starts real servers (or the AppHost itself) and some count the processes of this test host:
// one at a time, on a two-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
