using CustomerPlatform.Messaging.Tests.Outbox;

namespace CustomerPlatform.Messaging.Tests;

/// <summary>
/// The test assembly's entry point (the test SDK's generated one is turned off): nothing for the test
/// runner, which loads the assembly itself; a child process of a test for <c>dotnet &lt;assembly&gt; --outbox-crash-host</c>.
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args) =>
        args is [CrashHost.Argument, ..] ? CrashHost.RunAsync(args[1..]) : Task.FromResult(0);
}
