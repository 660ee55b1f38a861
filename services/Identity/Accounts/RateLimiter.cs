using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace CustomerPlatform.Identity;

/// <summary>
/// Fixed-window limits per client address and per email address, counted in identitydb with one
/// upsert per attempt, so both replicas (and a restarted one) share the counts. An IPv6 client is
/// counted by its /64, which one household or host usually owns whole; an email by its hash, so the
/// table holds no addresses.
/// </summary>
public sealed class RateLimiter([FromKeyedServices(ResourceNames.Databases.Identity)] NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Upsert = """
        INSERT INTO rate_limit_counters (key, window_start, count)
        SELECT unnest(@keys), @window_start, 1
        ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_counters.count + 1
        RETURNING key, count
        """;

    /// <summary>Counts one attempt; returns how long to wait when it is over a limit, else null.</summary>
    public async Task<TimeSpan?> AttemptAsync(string policy, RateLimitRule rule, IPAddress? client, string? normalizedEmail, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var windowTicks = Math.Max(rule.Window.Ticks, TimeSpan.TicksPerSecond);
        var windowStart = new DateTimeOffset(now.UtcTicks - now.UtcTicks % windowTicks, TimeSpan.Zero);

        var limits = new Dictionary<string, int>(StringComparer.Ordinal);
        if (client is not null)
            limits[$"{policy}:ip:{ClientKey(client)}"] = rule.PerIp;
        if (!string.IsNullOrEmpty(normalizedEmail))
            limits[$"{policy}:email:{EmailKey(normalizedEmail)}"] = rule.PerEmail;
        if (limits.Count == 0)
            return null;

        await using var command = dataSource.CreateCommand(Upsert);
        command.Parameters.AddWithValue("keys", limits.Keys.ToArray());
        command.Parameters.AddWithValue("window_start", windowStart);
        var over = false;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                over |= reader.GetInt32(1) > limits[reader.GetString(0)];
        }

        if (!over)
            return null;
        var wait = windowStart + TimeSpan.FromTicks(windowTicks) - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
    }

    private static string ClientKey(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static string EmailKey(string normalizedEmail) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedEmail)))[..32];
}
