using CustomerPlatform.AppHost.Hosting;

namespace CustomerPlatform.AppHost.Dashboard;

/// <summary>Hides passwords and tokens in environment variables until someone asks to reveal them.</summary>
internal static class SecretMasking
{
    public const string Mask = "••••••";

    public static ResourceSnapshot Masked(this ResourceSnapshot resource) =>
        resource with
        {
            Environment = resource.Environment
                .Select(variable => variable.IsSecret ? variable with { Value = Mask } : variable)
                .ToList(),
        };
}
