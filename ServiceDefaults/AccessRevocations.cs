using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CustomerPlatform.ServiceDefaults;

/// <summary>Every access token of <paramref name="UserId"/> issued before <paramref name="RevokedAt"/> is void.</summary>
public sealed record RevokedAccess(Guid UserId, DateTimeOffset RevokedAt);

/// <summary>
/// A read of the feed: the revocations asked for, and the feed's version when they were read; bring it back to the next
/// read, which waits for a change when nothing was committed since.
/// </summary>
public sealed record RevocationFeedPage(IReadOnlyList<RevokedAccess> Revocations, string? Version);

/// <summary>Where the revocations come from: Identity's feed over HTTP, or (in Identity) its own table.</summary>
public interface IAccessRevocationFeed
{
    /// <summary>
    /// Every revocation made at or after <paramref name="since"/>: at once when <paramref name="version"/> is not the
    /// feed's current one (or is null), otherwise once one is committed or <paramref name="wait"/> has passed.
    /// </summary>
    Task<RevocationFeedPage> ReadAsync(DateTimeOffset since, string? version, TimeSpan wait, CancellationToken cancellationToken);
}

/// <summary>
/// The revocations of the last hour (longer than any access token lives), per user: the newest one
/// wins. Checked on every validated token (<c>OnTokenValidated</c>): a dictionary lookup, no call out.
/// </summary>
public sealed class AccessRevocations(TimeProvider time)
{
    /// <summary>How long a revocation is kept: past it, every token it voided has expired anyway.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _cutoffs = new(StringComparer.OrdinalIgnoreCase);

    public void Apply(IEnumerable<RevokedAccess> revocations)
    {
        foreach (var revocation in revocations)
            _cutoffs.AddOrUpdate(revocation.UserId.ToString(), revocation.RevokedAt, (_, known) => known > revocation.RevokedAt ? known : revocation.RevokedAt);

        var expired = time.GetUtcNow() - Retention;
        foreach (var (user, cutoff) in _cutoffs)
        {
            if (cutoff < expired)
                _cutoffs.TryRemove(new KeyValuePair<string, DateTimeOffset>(user, cutoff));
        }
    }

    /// <summary>
    /// Whether the token was issued before its user's newest revocation. Identity's tokens say when they
    /// were issued to the millisecond (<see cref="AuthenticationExtensions.IssuedAtMillisecondsClaim"/>);
    /// a token with only <c>iat</c> (whole seconds) counts from the start of its second, so one issued in
    /// the second of the change is refused rather than let through.
    /// </summary>
    public bool IsRevoked(ClaimsPrincipal principal)
    {
        if (_cutoffs.IsEmpty || principal.FindFirst("sub")?.Value is not { } user || !_cutoffs.TryGetValue(user, out var cutoff))
            return false;
        return IssuedAt(principal) is not { } issued || issued < cutoff;
    }

    private static DateTimeOffset? IssuedAt(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirst(AuthenticationExtensions.IssuedAtMillisecondsClaim)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : long.TryParse(principal.FindFirst("iat")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
}

/// <summary>Identity's feed, <c>GET {Identity:Authority}/internal/access-revocations?since=&amp;version=&amp;wait=</c>, through service discovery.</summary>
public sealed class HttpAccessRevocationFeed(IHttpClientFactory clients, IConfiguration configuration) : IAccessRevocationFeed
{
    public async Task<RevocationFeedPage> ReadAsync(DateTimeOffset since, string? version, TimeSpan wait, CancellationToken cancellationToken)
    {
        var authority = (configuration[AuthenticationExtensions.AuthorityKey] ?? AuthenticationExtensions.DefaultAuthority).TrimEnd('/');
        var address = $"{authority}{AuthenticationExtensions.RevocationsPath}?since={Uri.EscapeDataString(since.ToString("O", CultureInfo.InvariantCulture))}" +
            (version is null ? "" : $"&version={Uri.EscapeDataString(version)}&wait={wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)}");
        return await clients.CreateClient(AuthenticationExtensions.JwksClientName).GetFromJsonAsync<RevocationFeedPage>(address, cancellationToken)
            ?? new RevocationFeedPage([], null);
    }
}

/// <summary>
/// Reads the feed over and over, each read waiting up to <c>Identity:RevocationWait</c> (default 5 s) for the next
/// revocation when nothing changed since the previous one (a long poll: Identity answers as a revocation commits), and
/// starting at least <c>Identity:RevocationPollInterval</c> (default 0.25 s) after the previous one began, so a feed
/// that cannot wait (an Identity replica not listening, or another replica each time) is read no more often than that.
/// Each read starts from a little before the last successful read began, so a change whose transaction committed late
/// is still seen. Until the first read succeeds (Identity not up yet) tokens are checked against nothing: logged.
/// </summary>
public sealed partial class AccessRevocationPoller(IAccessRevocationFeed feed, AccessRevocations revocations, TimeProvider time, IConfiguration configuration, ILogger<AccessRevocationPoller> logger)
    : BackgroundService
{
    /// <summary>Longer than any transaction that writes a revocation takes to commit.</summary>
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue<TimeSpan?>(AuthenticationExtensions.RevocationPollIntervalKey) ?? TimeSpan.FromMilliseconds(250);
        var wait = configuration.GetValue<TimeSpan?>(AuthenticationExtensions.RevocationWaitKey) ?? TimeSpan.FromSeconds(5);
        var since = time.GetUtcNow() - AccessRevocations.Retention;
        string? version = null;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = time.GetUtcNow();
            try
            {
                var page = await feed.ReadAsync(since, version, wait, stoppingToken);
                revocations.Apply(page.Revocations);
                version = page.Version;
                // From before the read began, not from when it returned: a read that waited may have returned seconds later.
                since = started - Overlap;
                failures = 0;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Every 20th failure in a row, so an Identity that is down does not flood the log.
                if (failures++ % 20 == 0)
                    LogFeedFailed(logger, failures, exception.GetBaseException().Message);
            }

            try
            {
                var next = started + interval - time.GetUtcNow();
                if (next > TimeSpan.Zero)
                    await Task.Delay(next, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Access revocations could not be read ({Failures} time(s) in a row): {Reason}")]
    private static partial void LogFeedFailed(ILogger logger, int failures, string reason);
}
