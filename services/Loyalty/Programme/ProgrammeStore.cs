using CustomerPlatform.Loyalty.Earning;
using CustomerPlatform.Loyalty.Ledger;
using CustomerPlatform.Loyalty.Rewards;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Loyalty.Programme;

/// <summary>
/// The programme's versions in the database (ADR-037). Reading the current one costs one index-only query (the highest
/// version number); its document is parsed once per process and version, and kept until a higher version appears, so every
/// process sees a new version on its next read without being told. Version 1, the configuration's, is written by the
/// first process that finds none (<c>ON CONFLICT DO NOTHING</c>: several starting together write it once).
/// </summary>
public sealed class ProgrammeStore(IOptions<EarningOptions> earning, IOptions<TierOptions> tiers, IOptions<RewardOptions> rewards, TimeProvider time)
{
    public const string SeededBy = "configuration";

    private volatile CurrentProgramme? cached;

    /// <summary>The programme in force now (in the caller's transaction, if any).</summary>
    public async Task<CurrentProgramme> CurrentAsync(LoyaltyDbContext db, CancellationToken cancellationToken)
    {
        var version = await HighestAsync(db, cancellationToken);
        if (version is null)
        {
            await SeedAsync(db, cancellationToken);
            version = await HighestAsync(db, cancellationToken) ?? throw new InvalidOperationException("The programme's version 1 was just written, and is gone.");
        }
        if (cached is { } known && known.Version == version)
            return known;
        var row = await db.ProgrammeVersions.AsNoTracking().SingleAsync(v => v.Version == version, cancellationToken);
        var current = new CurrentProgramme(row.Version, LoyaltyProgramme.FromJson(row.Document));
        // Two readers racing may both parse it; keep the higher version either way.
        if (cached is null || cached.Version < current.Version)
            cached = current;
        return current;
    }

    /// <summary>Writes version <paramref name="version"/> unless one with that number exists (someone saved first); true when written.</summary>
    public static async Task<bool> TryAddAsync(LoyaltyDbContext db, int version, LoyaltyProgramme programme, DateTimeOffset at, Guid? byId, string? byName, string? note,
        CancellationToken cancellationToken)
    {
        var document = programme.ToJson();
        return await db.Database.ExecuteSqlAsync($"""
            INSERT INTO programme_versions (version, document, created_at, created_by_id, created_by_name, note)
            VALUES ({version}, CAST({document} AS jsonb), {at}, {byId}, {byName}, {note})
            ON CONFLICT (version) DO NOTHING
            """, cancellationToken) == 1;
    }

    public static Task<int?> HighestAsync(LoyaltyDbContext db, CancellationToken cancellationToken) =>
        db.ProgrammeVersions.MaxAsync(v => (int?)v.Version, cancellationToken);

    private Task<bool> SeedAsync(LoyaltyDbContext db, CancellationToken cancellationToken) =>
        TryAddAsync(db, 1, LoyaltyProgramme.FromOptions(earning.Value, tiers.Value, rewards.Value), time.GetUtcNow(), null, SeededBy,
            "The programme as configured when the service first started", cancellationToken);
}

/// <summary>Writes version 1 at start, so it is the configuration of the first start, not of the first order.</summary>
public sealed class ProgrammeSeeding(IServiceScopeFactory scopes, ProgrammeStore store) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await store.CurrentAsync(scope.ServiceProvider.GetRequiredService<LoyaltyDbContext>(), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
