using System.Security.Cryptography;
using System.Text;

namespace CustomerPlatform.AppHost.Dashboard;

/// <summary>Compares secrets without leaking, through timing, how much of a guess was right.</summary>
internal static class ConstantTime
{
    public static bool AreEqual(string? candidate, string expected)
    {
        if (candidate is null)
            return false;

        // Hashing first gives both sides the same length, so the length of the secret does not leak either.
        var left = SHA256.HashData(Encoding.UTF8.GetBytes(candidate));
        var right = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(left, right);
    }

    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
