using System.Diagnostics.CodeAnalysis;
using System.Net.Mail;

namespace CustomerPlatform.ServiceDefaults;

/// <summary>
/// What every route that takes an email address accepts (Identity's sign-up and address change, the store's orders, the
/// pop-up's capture): a bare address of at most <see cref="MaxLength"/> characters that <see cref="MailAddress"/> parses
/// back to itself (no display name, comment or surrounding text) on a host with a dot.
/// </summary>
public static class EmailAddressRules
{
    /// <summary>RFC 5321's limit on a forward path.</summary>
    public const int MaxLength = 254;

    /// <summary>Whether <paramref name="email"/> (already trimmed) is such an address.</summary>
    public static bool IsAddress([NotNullWhen(true)] string? email) =>
        email is { Length: > 0 and <= MaxLength }
        && !email.Any(char.IsWhiteSpace)
        && MailAddress.TryCreate(email, out var address)
        && address.Address == email
        && address.Host.Contains('.');
}
