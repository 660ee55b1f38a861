using System.Text.RegularExpressions;

namespace CustomerPlatform.AppHost.Hosting;

/// <summary>Decides which environment variables the dashboard masks: anything that carries a credential.</summary>
internal static partial class SecretDetector
{
    public static bool IsSecret(string name, string value) =>
        SecretName().IsMatch(name) || PasswordInValue().IsMatch(value) || CredentialsInUri().IsMatch(value);

    [GeneratedRegex("PASSWORD|PASSWD|TOKEN|SECRET|CREDENTIAL|APIKEY|API_KEY", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(^|;)\s*(Password|Pwd)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordInValue();

    [GeneratedRegex(@"^[a-z][a-z0-9+.-]*://[^/@\s]+:[^/@\s]+@", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialsInUri();
}
