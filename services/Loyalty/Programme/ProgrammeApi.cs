using System.Security.Claims;
using CustomerPlatform.Loyalty.Earning;
using CustomerPlatform.Loyalty.Ledger;
using CustomerPlatform.Loyalty.Rewards;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Loyalty.Programme;

/// <summary>
/// The admins' side of the programme (ADR-037): read the current version and the history, and save a new version over
/// the one they read (<c>expectedVersion</c>): someone else's save in between is a 409, a broken rule a 400 naming its field.
/// </summary>
public static class ProgrammeApi
{
    public const int MaxNoteLength = 500;

    /// <summary>Who may read and change the programme: admins only (it moves every member's points).</summary>
    public static readonly string[] Editors = [Roles.Admin];

    public sealed record ProgrammeView(
        int Version, DateTimeOffset CreatedAt, Guid? CreatedById, string? CreatedByName, string? Note,
        EarningOptions Earning, List<TierOptions.Tier?> Tiers, Dictionary<string, RewardOptions.Reward> Rewards);

    public sealed record VersionView(int Version, DateTimeOffset CreatedAt, Guid? CreatedById, string? CreatedByName, string? Note);

    public sealed record SaveRequest(
        int? ExpectedVersion, string? Note, EarningOptions? Earning, List<TierOptions.Tier?>? Tiers, Dictionary<string, RewardOptions.Reward>? Rewards);

    public static RouteGroupBuilder MapProgrammeApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("staff/programme").WithTags("Loyalty programme").RequireAuthorization(policy => policy.RequireRole(Editors));
        admin.MapGet("", GetCurrentAsync).WithSummary("Admin: the programme in force (earning rules, tiers, rewards) and its version");
        admin.MapGet("versions", GetVersionsAsync).WithSummary("Admin: the programme's versions, newest first: when, by whom, why");
        admin.MapGet("versions/{version}", GetVersionAsync).WithSummary("Admin: one version of the programme, whole (what an entry's programmeVersion was computed with)");
        admin.MapPut("", SaveAsync).WithSummary("Admin: saves a new version of the programme over expectedVersion (409 when someone saved first)");
        return api;
    }

    public static async Task<Ok<ProgrammeView>> GetCurrentAsync(LoyaltyDbContext db, ProgrammeStore programme, CancellationToken cancellationToken)
    {
        var current = await programme.CurrentAsync(db, cancellationToken);
        var row = await db.ProgrammeVersions.AsNoTracking().SingleAsync(v => v.Version == current.Version, cancellationToken);
        return TypedResults.Ok(View(row));
    }

    public static async Task<Ok<List<VersionView>>> GetVersionsAsync(LoyaltyDbContext db, ProgrammeStore programme, CancellationToken cancellationToken)
    {
        await programme.CurrentAsync(db, cancellationToken);
        return TypedResults.Ok(await db.ProgrammeVersions.OrderByDescending(v => v.Version)
            .Select(v => new VersionView(v.Version, v.CreatedAt, v.CreatedById, v.CreatedByName, v.Note))
            .ToListAsync(cancellationToken));
    }

    public static async Task<Results<Ok<ProgrammeView>, NotFound>> GetVersionAsync(int version, LoyaltyDbContext db, CancellationToken cancellationToken)
    {
        var row = await db.ProgrammeVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Version == version, cancellationToken);
        return row is null ? TypedResults.NotFound() : TypedResults.Ok(View(row));
    }

    /// <summary>
    /// 201 with the new version (the expected one + 1); 409 when the current version is not <c>expectedVersion</c>; 400
    /// naming every broken field, nothing written.
    /// </summary>
    public static async Task<Results<Created<ProgrammeView>, ProblemHttpResult, ValidationProblem>> SaveAsync(
        HttpRequest request, ClaimsPrincipal user, LoyaltyDbContext db, ProgrammeStore programme, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, bodyErrors) = await JsonRequestBody.ReadAsync<SaveRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(bodyErrors!);
        var document = new LoyaltyProgramme { Earning = body.Earning, Tiers = body.Tiers, Rewards = body.Rewards };
        var errors = FieldErrors.ToDictionary(document.Validate());
        if (body.ExpectedVersion is not >= 1)
            errors["expectedVersion"] = ["'expectedVersion' is the version the change was made to (GET /api/loyalty/staff/programme), 1 or more."];
        var note = body.Note?.Trim();
        if (note is { Length: > MaxNoteLength } || (note is not null && !TextRules.IsStorable(note)))
            errors["note"] = [$"'note' is at most {MaxNoteLength} characters of text."];
        if (!errors.Keys.Any(k => k.StartsWith("tiers", StringComparison.Ordinal)) && await GoneHeldTiersAsync(db, document, cancellationToken) is { Count: > 0 } gone)
            errors["tiers"] = [$"Tier {string.Join(", ", gone.Select(t => $"'{t}'"))} is held by members until their yearly review (ADR-036): keep its name; its threshold and benefits may change."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        await programme.CurrentAsync(db, cancellationToken); // Version 1 exists before anyone builds on it.
        var expected = body.ExpectedVersion!.Value;
        var byName = user.GetDisplayName() ?? user.GetEmail();
        var saved = await db.InTransactionAsync(async () =>
        {
            // Only over the highest version; two saves over it both pass here, and the primary key lets one insert.
            if (await ProgrammeStore.HighestAsync(db, cancellationToken) != expected)
                return null;
            var now = time.GetUtcNow();
            now = now.AddTicks(-(now.Ticks % 10));
            if (!await ProgrammeStore.TryAddAsync(db, expected + 1, document, now, user.GetCustomerId(), byName is null ? null : Contracts.Notifications.EmailText.OneLine(byName),
                    string.IsNullOrEmpty(note) ? null : note, cancellationToken))
                return null;
            return await db.ProgrammeVersions.AsNoTracking().SingleAsync(v => v.Version == expected + 1, cancellationToken);
        }, cancellationToken);
        if (saved is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Programme changed",
                detail: $"Version {expected} is no longer the current one: someone saved the programme first. Read it again and redo the change.");
        return TypedResults.Created($"/api/loyalty/staff/programme/versions/{saved.Version}", View(saved));
    }

    /// <summary>
    /// The stored tiers (members keep a tier reached until their review) that the new ladder no longer names: a tier they hold
    /// must not vanish from under them (their tier would drop at once, unannounced), so a rename or removal waits for the reviews.
    /// </summary>
    private static async Task<List<string>> GoneHeldTiersAsync(LoyaltyDbContext db, LoyaltyProgramme document, CancellationToken cancellationToken)
    {
        var names = document.Tiers!.OfType<TierOptions.Tier>().Select(t => t.Name.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var held = await db.Members.Where(m => m.Tier != null).Select(m => m.Tier!).Distinct().ToListAsync(cancellationToken);
        return [.. held.Where(h => !names.Contains(h.Trim())).Order(StringComparer.Ordinal)];
    }

    private static ProgrammeView View(ProgrammeVersion row)
    {
        var document = LoyaltyProgramme.FromJson(row.Document);
        return new ProgrammeView(row.Version, row.CreatedAt, row.CreatedById, row.CreatedByName, row.Note, document.Earning!, document.Tiers!, document.Rewards!);
    }
}
