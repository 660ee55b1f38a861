using System.Reflection;

namespace CustomerPlatform.Identity;

/// <summary>
/// The 30,000 most common passwords (the list zxcvbn 4.4.2 ships, drawn from leaked password
/// dumps), embedded in the service. A password is refused when it equals one of them, ignoring case.
/// Most are shorter than the 12 characters we require, but the list also guards a future lower minimum.
/// </summary>
public sealed class CommonPasswords
{
    private const string ResourceName = "common-passwords.txt";

    private readonly HashSet<string> _passwords;

    private CommonPasswords(HashSet<string> passwords) => _passwords = passwords;

    public int Count => _passwords.Count;

    public bool Contains(string password) => _passwords.Contains(password);

    public static CommonPasswords Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
                passwords.Add(line);
        }
        return new CommonPasswords(passwords);
    }
}
