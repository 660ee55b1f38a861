using System.Globalization;
using System.Security.Claims;
using CustomerPlatform.Loyalty.Ledger;
using CustomerPlatform.Loyalty.Programme;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Loyalty.Staff;

/// <summary>
/// The staff's side of the programme (ADR-034): find a member by address, read their ledger with who made each
/// adjustment and why, and adjust their points by hand (idempotent per key; never below a zero balance).
/// </summary>
public static class StaffApi
{
    /// <summary>The largest adjustment, either way.</summary>
    public const long MaxAdjustment = 1_000_000;

    public const int MaxReasonLength = 500;
    public const int MaxIdempotencyKeyLength = 100;

    /// <summary>Who may read members and ledgers: every staff role.</summary>
    public static readonly string[] Readers = [.. Roles.Staff];

    /// <summary>Who may adjust points: agents and admins (as on the support desk's writing routes).</summary>
    public static readonly string[] Adjusters = [Roles.Agent, Roles.Admin];

    public sealed record StaffMemberView(
        Guid MemberId, string Email, Guid? CustomerId, long PointsBalance, long PendingPoints, string Tier, string? NextTier,
        long? PointsToNextTier, DateTimeOffset CreatedAt);

    public sealed record StaffLedgerEntryView(
        Guid EntryId, string Kind, long Points, long PendingPoints, string? OrderId, string? Reason, Guid? ById, string? ByName,
        DateTimeOffset At, DateTimeOffset RecordedAt, int? ProgrammeVersion);

    public sealed record AdjustmentRequest(long? Points, string? Reason, string? IdempotencyKey);

    public static RouteGroupBuilder MapStaffApi(this RouteGroupBuilder api)
    {
        var staff = api.MapGroup("staff/members").WithTags("Loyalty staff").RequireAuthorization(policy => policy.RequireRole(Readers));
        staff.MapGet("", FindAsync).WithSummary("Staff: the member of an address (?email=): balance, pending points, tier, customer id");
        staff.MapGet("{memberId:guid}", GetAsync).WithSummary("Staff: a member: balance, pending points, tier, customer id");
        staff.MapGet("{memberId:guid}/ledger", GetLedgerAsync).WithSummary("Staff: a member's ledger entries, newest first, with who made each adjustment and why");
        staff.MapPost("{memberId:guid}/adjustments", AdjustAsync).RequireAuthorization(policy => policy.RequireRole(Adjusters))
            .WithSummary("Staff: adds or takes points by hand, with a reason (idempotent per idempotencyKey)");
        return api;
    }

    private static Dictionary<string, string[]> Error(string field, string message) => new() { [field] = [message] };

    /// <summary>The member of <paramref name="email"/> (any case); 404 when the address has no membership.</summary>
    public static async Task<Results<Ok<StaffMemberView>, NotFound, ValidationProblem>> FindAsync(
        string? email, LoyaltyDbContext db, ProgrammeStore programme, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > 320)
            return TypedResults.ValidationProblem(Error("email", "'email' is the member's address (at most 320 characters)."));
        var address = MemberLedger.NormalizeEmail(email);
        var member = await db.Members.FirstOrDefaultAsync(m => m.Email == address, cancellationToken);
        return member is null ? TypedResults.NotFound() : TypedResults.Ok(await ViewAsync(db, member, programme, time, cancellationToken));
    }

    public static async Task<Results<Ok<StaffMemberView>, NotFound>> GetAsync(
        Guid memberId, LoyaltyDbContext db, ProgrammeStore programme, TimeProvider time, CancellationToken cancellationToken)
    {
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        return member is null ? TypedResults.NotFound() : TypedResults.Ok(await ViewAsync(db, member, programme, time, cancellationToken));
    }

    /// <summary>The member's entries, newest first (at most <see cref="LoyaltyApi.MaxEntriesListed"/>, or <c>limit</c>); 404 for no such member.</summary>
    public static async Task<Results<Ok<List<StaffLedgerEntryView>>, NotFound, ValidationProblem>> GetLedgerAsync(
        Guid memberId, string? limit, LoyaltyDbContext db, CancellationToken cancellationToken)
    {
        if (!LoyaltyApi.TryParseLimit(limit, out var take, out var errors))
            return TypedResults.ValidationProblem(errors);
        if (!await db.Members.AnyAsync(m => m.Id == memberId, cancellationToken))
            return TypedResults.NotFound();
        return TypedResults.Ok(await db.LedgerEntries
            .Where(e => e.MemberId == memberId)
            .OrderByDescending(e => e.RecordedAt).ThenByDescending(e => e.Id)
            .Take(take)
            .Select(e => new StaffLedgerEntryView(e.Id, e.Kind, e.Points, e.PendingPoints, e.OrderId, e.Reason, e.ById, e.ByName, e.At, e.RecordedAt, e.ProgrammeVersion))
            .ToListAsync(cancellationToken));
    }

    private enum Outcome { Created, Replayed, NotFound, TooFewPoints, KeyReused }

    /// <summary>
    /// 201 with the new <c>adjustment</c> entry (who from the caller's token, why from the body). The same idempotency key
    /// again: 200 with the entry it wrote, nothing written; with other points, reason or member: 409. A deduction below a
    /// zero balance: 409, nothing written. A bad body: 400 naming the field, nothing written. No such member: 404.
    /// </summary>
    public static async Task<Results<Created<StaffLedgerEntryView>, Ok<StaffLedgerEntryView>, NotFound, ProblemHttpResult, ValidationProblem>> AdjustAsync(
        Guid memberId, HttpRequest request, ClaimsPrincipal user, LoyaltyDbContext db, LedgerEvents ledger, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, bodyErrors) = await JsonRequestBody.ReadAsync<AdjustmentRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(bodyErrors!);
        if (body.Points is not { } points || points is 0 or < -MaxAdjustment or > MaxAdjustment)
            return TypedResults.ValidationProblem(Error("points",
                $"'points' is a whole number other than 0, from -{MaxAdjustment.ToString("N0", CultureInfo.InvariantCulture)} to {MaxAdjustment.ToString("N0", CultureInfo.InvariantCulture)}."));
        var reason = body.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength)
            return TypedResults.ValidationProblem(Error("reason", $"'reason' is required: why the points change, at most {MaxReasonLength} characters."));
        if (!TextRules.IsStorable(reason))
            return TypedResults.ValidationProblem(Error("reason", $"'reason' {TextRules.NotStorable}"));
        var key = body.IdempotencyKey;
        if (key is not null && (key.Length is 0 or > MaxIdempotencyKeyLength || key.Any(c => c is < '!' or > '~')))
            return TypedResults.ValidationProblem(Error("idempotencyKey",
                $"'idempotencyKey' is 1 to {MaxIdempotencyKeyLength} printable ASCII characters without spaces."));

        var sourceKey = $"adjustment:{key ?? NewId.NextGuid().ToString("N")}";
        // Who, from the caller's token: one line of at most 200 characters (the by_name column's limit).
        var byName = user.GetDisplayName() ?? user.GetEmail();
        var (outcome, entry) = await db.InTransactionAsync<(Outcome, LedgerEntry?)>(async () =>
        {
            if (!await db.Members.AnyAsync(m => m.Id == memberId, cancellationToken))
                return (Outcome.NotFound, null);
            var member = await MemberLedger.LockAsync(db, memberId, cancellationToken);
            // Under the member's lock, so a second request with the key waits for the first and finds its entry.
            var earlier = await db.LedgerEntries.FirstOrDefaultAsync(e => e.SourceKey == sourceKey, cancellationToken);
            if (earlier is not null)
                return (earlier.MemberId == memberId && earlier.Points == points && earlier.Reason == reason ? Outcome.Replayed : Outcome.KeyReused, earlier);
            if (points < 0 && member.Balance + points < 0)
                return (Outcome.TooFewPoints, null);
            // PostgreSQL keeps microseconds: the entry answered now is the one a later read (or a replay) answers.
            var now = time.GetUtcNow();
            now = now.AddTicks(-(now.Ticks % 10));
            var adjustment = new LedgerEntry
            {
                Id = NewId.NextGuid(), Kind = LedgerKinds.Adjustment, Points = points, Reason = reason, ById = user.GetCustomerId(),
                ByName = byName is null ? null : Contracts.Notifications.EmailText.OneLine(byName), SourceKey = sourceKey, At = now, RecordedAt = now,
            };
            // Appended unless a request with the same key, for another member, got there first: then it is that one's.
            if (!await ledger.AppendAsync(db, member, adjustment, cancellationToken))
                return (Outcome.KeyReused, null);
            return (Outcome.Created, adjustment);
        }, cancellationToken);

        return outcome switch
        {
            Outcome.Created => TypedResults.Created($"/api/loyalty/staff/members/{memberId}/ledger", View(entry!)),
            Outcome.Replayed => TypedResults.Ok(View(entry!)),
            Outcome.TooFewPoints => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not enough points",
                detail: $"Taking {-points} points would leave the member's balance below zero."),
            Outcome.KeyReused => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Idempotency key already used",
                detail: "This idempotency key was used for another adjustment (another member, number of points or reason)."),
            _ => TypedResults.NotFound(),
        };
    }

    private static StaffLedgerEntryView View(LedgerEntry e) =>
        new(e.Id, e.Kind, e.Points, e.PendingPoints, e.OrderId, e.Reason, e.ById, e.ByName, e.At, e.RecordedAt, e.ProgrammeVersion);

    private static async Task<StaffMemberView> ViewAsync(LoyaltyDbContext db, Member member, ProgrammeStore programme, TimeProvider time, CancellationToken cancellationToken)
    {
        var tiers = (await programme.CurrentAsync(db, cancellationToken)).Tiers;
        var (tier, next, toNext) = TierReview.Held(tiers, member.Tier, await TierOptions.EarnedInAYearAsync(db, member.Id, time.GetUtcNow(), cancellationToken));
        return new StaffMemberView(member.Id, member.Email, member.CustomerId, member.Balance, member.Pending, tier.Name, next?.Name, toNext, member.CreatedAt);
    }
}
