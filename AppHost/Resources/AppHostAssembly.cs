using System.Runtime.CompilerServices;

namespace CustomerPlatform.AppHost.Resources;

/// <summary>
/// Aspire.Hosting.Testing's <c>DistributedApplicationTestingBuilder.Create()</c> (a builder with only
/// what a test declares) finds DCP and the dashboard through the first assembly on the call stack
/// that carries the AppHost SDK's metadata. A test that builds its own small model calls it through
/// here, so that assembly is this AppHost's.
/// </summary>
public static class AppHostAssembly
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static T Run<T>(Func<T> create) => create();
}
