namespace CustomerPlatform.ServiceDefaults;

/// <summary>Where a "return to" parameter may send a browser: a path on this origin only, never another site.</summary>
public static class LocalUrl
{
    /// <summary><paramref name="url"/> when it is a local path (not <c>//host</c> or <c>/\host</c>, which browsers read as another site); <c>/</c> otherwise.</summary>
    public static string OrRoot(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
