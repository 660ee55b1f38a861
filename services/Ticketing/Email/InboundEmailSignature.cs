using System.Security.Cryptography;
using System.Text;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// The proof that a delivery comes from our email provider: the header <c>X-Signature-256: sha256=&lt;hex&gt;</c>,
/// the HMAC-SHA256 of the exact bytes of the body with the shared secret, compared in constant time (a
/// comparison that stops at the first wrong byte tells an attacker how many they got right).
/// </summary>
public static class InboundEmailSignature
{
    public const string Header = "X-Signature-256";
    private const string Prefix = "sha256=";

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool IsValid(ReadOnlySpan<byte> body, string? header, string secret)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || header.Length != Prefix.Length + 64)
            return false;
        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(header.AsSpan(Prefix.Length), given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
            return false;
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
