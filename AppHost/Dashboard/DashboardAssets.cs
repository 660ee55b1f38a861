using System.Collections.Frozen;
using System.Reflection;

namespace CustomerPlatform.AppHost.Dashboard;

/// <summary>
/// The page files, embedded in the assembly so the dashboard works wherever the AppHost runs from
/// (its bin folder, a test host's folder) without copying a wwwroot around.
/// </summary>
internal static class DashboardAssets
{
    private const string Prefix = "dashboard/";

    private static readonly FrozenDictionary<string, byte[]> Files = Load(typeof(DashboardAssets).Assembly);

    public static byte[]? Find(string fileName) => Files.GetValueOrDefault(fileName);

    public static byte[] Get(string fileName) =>
        Find(fileName) ?? throw new InvalidOperationException($"The dashboard asset '{fileName}' is not embedded in the AppHost.");

    private static FrozenDictionary<string, byte[]> Load(Assembly assembly) =>
        assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(name => name[Prefix.Length..], name => Read(assembly, name), StringComparer.Ordinal);

    private static byte[] Read(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
