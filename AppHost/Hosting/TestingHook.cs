namespace CustomerPlatform.AppHost.Hosting;

/// <summary>
/// Lets a test run the AppHost's real Program.cs: while set (for the entry point's thread only),
/// <see cref="DistributedApplication.CreateBuilder"/> applies test options, and Run() hands the
/// built application to the test instead of blocking until Ctrl+C.
/// </summary>
internal sealed class TestingHook(IReadOnlyDictionary<string, string?> testDefaults)
{
    private static readonly AsyncLocal<TestingHook?> CurrentHook = new();
    private readonly TaskCompletionSource<DistributedApplication> _built = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static TestingHook? Current
    {
        get => CurrentHook.Value;
        set => CurrentHook.Value = value;
    }

    public IReadOnlyDictionary<string, string?> TestDefaults { get; } = testDefaults;

    public Task<DistributedApplication> Built => _built.Task;

    public void Deliver(DistributedApplication app) => _built.TrySetResult(app);

    public void Fail(Exception exception) => _built.TrySetException(exception);
}
