namespace CustomerPlatform.AppHost.Hosting;

/// <summary>A .NET project of the repository, run from its build output (one process per replica).</summary>
public sealed class ProjectResource(string name, string projectPath) : Resource(name, "Project")
{
    /// <summary>The full path of the project's .csproj file.</summary>
    public string ProjectPath { get; } = projectPath;

    public int Replicas { get; internal set; } = 1;
}
