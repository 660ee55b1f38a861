using System.Security.Cryptography;
using System.Text;

namespace CustomerPlatform.Contracts.Notifications;

/// <summary>
/// Notification ids derived from what the email is about, so that however often one email is asked for,
/// Notifications sends it once.
/// </summary>
public static class NotificationIds
{
    /// <summary>A name-based id: the first 16 bytes of the SHA-256 of <c>customerplatform/{service}/{name}</c>, marked as version 8 (RFC 9562).</summary>
    public static Guid NameBased(string service, string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"customerplatform/{service}/{name}"), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
