namespace CustomerPlatform.AppHost.Resources;

/// <summary>Where the repository and its tools live, found from the running assembly.</summary>
internal static class RepositoryLayout
{
    private const string SolutionFile = "CustomerPlatform.sln";

    /// <summary>The folder holding CustomerPlatform.sln, walking up from the binaries; the current folder otherwise.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                return dir.FullName;
        }

        return Directory.GetCurrentDirectory();
    }
}
