using System.Reflection;

namespace CustomerPlatform.AppHost.Hosting;

/// <summary>Where the repository, the AppHost project and the tools live, found from the running assembly.</summary>
internal static class RepositoryLayout
{
    private const string SolutionFile = "CustomerPlatform.sln";

    /// <summary>The folder holding CustomerPlatform.sln, walking up from the binaries; the current folder otherwise.</summary>
    public static string Root { get; } = FindRoot();

    public static string AppHostDirectory => Path.Combine(Root, "AppHost");

    /// <summary>Debug or Release: projects are run from the same configuration's build output as the AppHost.</summary>
    public static string BuildConfiguration { get; } =
        typeof(RepositoryLayout).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
