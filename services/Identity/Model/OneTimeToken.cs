using System.Buffers.Text;
using System.Security.Cryptography;

namespace CustomerPlatform.Identity;

/// <summary>256 random bits, base64url (43 characters) in the link; SHA-256 of those bits in the database.</summary>
public static class OneTimeToken
{
    private const int Bytes = 32;

    public static (string Token, byte[] Hash) Create()
    {
        var secret = RandomNumberGenerator.GetBytes(Bytes);
        return (Base64Url.EncodeToString(secret), SHA256.HashData(secret));
    }

    /// <summary>False for anything that is not a token we could have issued.</summary>
    public static bool TryHash(string? token, out byte[] hash)
    {
        hash = [];
        Span<byte> secret = stackalloc byte[Bytes];
        if (token is null || token.Length != Base64Url.GetEncodedLength(Bytes)
            || !Base64Url.IsValid(token) || Base64Url.DecodeFromChars(token, secret) != Bytes)
            return false;
        hash = SHA256.HashData(secret);
        return true;
    }
}
