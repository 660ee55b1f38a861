namespace CustomerPlatform.AppHost.Hosting;

/// <summary>
/// Builders for tests, as in Aspire: every port ephemeral, a fresh temporary data folder (deleted
/// on dispose) and a unique RabbitMQ node name, so test runs never collide with each other or with
/// a developer's running AppHost.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    /// <summary>An empty builder with test options; declare only what the test needs.</summary>
    public static IDistributedApplicationBuilder Create(params string[] args) =>
        new DistributedApplicationBuilder(args, TestDefaults(), testingHook: null);

    /// <summary>
    /// Runs <typeparamref name="TEntryPoint"/>'s assembly entry point (the AppHost's Program.cs) under
    /// test options and returns its application, started. <paramref name="args"/> are passed to it
    /// (e.g. <c>--AppHost:Only=postgres,messaging</c>).
    /// </summary>
    public static async Task<DistributedApplication> StartAsync<TEntryPoint>(string[]? args = null, CancellationToken cancellationToken = default)
        where TEntryPoint : class
    {
        var entryPoint = typeof(TEntryPoint).Assembly.EntryPoint
            ?? throw new InvalidOperationException($"{typeof(TEntryPoint).Assembly.GetName().Name} has no entry point.");
        var hook = new TestingHook(TestDefaults());
        TestingHook.Current = hook; // flows into the entry point's thread only (AsyncLocal)
        _ = Task.Run(() =>
        {
            try
            {
                entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? [] : [args ?? []]);
                hook.Fail(new InvalidOperationException("The entry point returned without building an application."));
            }
            catch (Exception exception)
            {
                hook.Fail(exception.InnerException ?? exception);
            }
        }, cancellationToken);
        TestingHook.Current = null;

        var app = await hook.Built.WaitAsync(cancellationToken);
        try
        {
            await app.StartAsync(cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static Dictionary<string, string?> TestDefaults()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var ports = typeof(AppHostPorts).GetProperties().ToDictionary(p => $"AppHost:Ports:{p.Name}", _ => (string?)"0");
        return new Dictionary<string, string?>(ports)
        {
            ["AppHost:DataDirectory"] = Path.Combine(Path.GetTempPath(), $"customerplatform-test-{id}"),
            ["AppHost:RabbitMQNodeName"] = $"cp-test-{id}",
            ["AppHost:ConsoleOutput"] = "false",
            ["AppHost:DeleteDataDirectoryOnDispose"] = "true",
        };
    }
}
