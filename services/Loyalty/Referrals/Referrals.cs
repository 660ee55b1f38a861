using System.Security.Claims;
using CustomerPlatform.Loyalty.Ledger;
using CustomerPlatform.Loyalty.Programme;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Loyalty.Referrals;

/// <summary>
/// An address a member referred (ADR-037): one referrer per address, the first; paid once, when the address's first
/// order is placed (<see cref="ReferralsApi.PayForFirstOrderAsync"/>).
/// </summary>
public sealed class Referral
{
    /// <summary>The referred address, lower case.</summary>
    public required string Email { get; set; }
    public Guid ReferrerMemberId { get; set; }
    public DateTimeOffset ReferredAt { get; set; }
    /// <summary>The address's first order, once it paid the referrer.</summary>
    public string? RewardedOrderId { get; set; }
}

/// <summary>A customer refers an address; the address's first order pays the referrer the programme's referral points.</summary>
public static class ReferralsApi
{
    public sealed record ReferralRequest(string? Email);

    private static Dictionary<string, string[]> Error(string field, string message) => new() { [field] = [message] };

    /// <summary>The source key of a referral's points: one entry per referred address, ever.</summary>
    public static string SourceKey(string address) => $"referral:{address}";

    /// <summary>
    /// 202 when the address is now referred by the caller (or already was); 409 when another member referred it first, or
    /// it is a customer's or has ordered already; 400 for no valid address, or the caller's own.
    /// </summary>
    public static async Task<Results<Accepted, ProblemHttpResult, ValidationProblem>> ReferAsync(
        HttpRequest request, ClaimsPrincipal user, LoyaltyDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, bodyErrors) = await JsonRequestBody.ReadAsync<ReferralRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(bodyErrors!);
        var email = body.Email?.Trim();
        if (!EmailAddressRules.IsAddress(email))
            return TypedResults.ValidationProblem(Error("email", "A valid email address is required."));
        var address = MemberLedger.NormalizeEmail(email);
        var customerId = user.GetCustomerId();
        var own = user.GetEmail();
        if (own is not null && MemberLedger.NormalizeEmail(own) == address)
            return TypedResults.ValidationProblem(Error("email", "You cannot refer yourself."));
        if (own is null && !await db.Members.AnyAsync(m => m.CustomerId == customerId, cancellationToken))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not a member yet", detail: "Your membership is not set up yet.");

        var outcome = await db.InTransactionAsync(async () =>
        {
            var now = time.GetUtcNow();
            var referrer = await MemberLedger.LockByEmailAsync(db, own ?? "", customerId, now, cancellationToken);
            if (referrer.Email == address)
                return "self";
            // A customer's address, or one that has ordered, is no one's to refer.
            if (await db.Members.AnyAsync(m => m.Email == address
                    && (m.CustomerId != null || db.OrderEarnings.Any(o => o.MemberId == m.Id)), cancellationToken))
                return "member";
            var inserted = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO loyalty_referrals (email, referrer_member_id, referred_at) VALUES ({address}, {referrer.Id}, {now})
                ON CONFLICT (email) DO NOTHING
                """, cancellationToken);
            if (inserted == 1)
                return "referred";
            return await db.Referrals.AnyAsync(r => r.Email == address && r.ReferrerMemberId == referrer.Id, cancellationToken) ? "referred" : "taken";
        }, cancellationToken);
        return outcome switch
        {
            "referred" => TypedResults.Accepted("/api/loyalty/me"),
            "self" => TypedResults.ValidationProblem(Error("email", "You cannot refer yourself.")),
            "member" => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already a customer",
                detail: "This address belongs to a customer or has ordered already."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already referred",
                detail: "Someone referred this address first."),
        };
    }

    /// <summary>
    /// Called by the order's consumer with the order's <paramref name="member"/> locked, when this is its first order: pays
    /// the member who referred the order's address (or the member's) the programme's referral points, once (the referral's
    /// row is marked in the same transaction, and the entry's source key is the address's). The referrer's lock is taken
    /// second; a referrer always had a member before the referred address had one, so no two orders lock in opposite orders.
    /// </summary>
    public static async Task PayForFirstOrderAsync(
        LoyaltyDbContext db, TierUpgrades tierUpgrades, Member member, string orderId, string orderEmail, CurrentProgramme programme, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        string[] addresses = [MemberLedger.NormalizeEmail(orderEmail), member.Email];
        var referral = await db.Referrals.AsTracking()
            .Where(r => addresses.Contains(r.Email) && r.RewardedOrderId == null && r.ReferrerMemberId != member.Id)
            .OrderBy(r => r.ReferredAt).FirstOrDefaultAsync(cancellationToken);
        if (referral is null || programme.Earning.ReferralPoints <= 0)
            return;
        referral.RewardedOrderId = orderId;
        var referrer = await MemberLedger.LockAsync(db, referral.ReferrerMemberId, cancellationToken);
        await tierUpgrades.AppendAndAnnounceAsync(db, referrer, new LedgerEntry
        {
            Id = NewId.NextGuid(), Kind = LedgerKinds.Earn, Points = programme.Earning.ReferralPoints, Reason = $"Referral: {referral.Email} placed a first order",
            SourceKey = SourceKey(referral.Email), At = now, RecordedAt = now, ProgrammeVersion = programme.Version,
        }, cancellationToken);
    }
}
