using System.Text.RegularExpressions;
using CustomerPlatform.Loyalty.Ledger;
using CustomerPlatform.Loyalty.Programme;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Loyalty.Rewards;

/// <summary>The store's side: using a code on an order (once, for one order, under the code's row lock) and an address's benefits.</summary>
public static partial class StoreApi
{
    public sealed record CodeRedemptionRequest(string? OrderId, string? CustomerEmail, decimal? OrderTotal);

    public sealed record CodeRedemptionView(string Code, string Kind, decimal Value, bool FreeShipping);

    public sealed record BenefitsView(string Tier, bool FreeShipping, bool EarlyAccess, long PointsBalance);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex OrderIdPattern();

    private static Dictionary<string, string[]> Error(string field, string message) => new() { [field] = [message] };

    /// <summary>
    /// 200 when the code is the customer's, unexpired and now used for the order (or already was, for that order); 409 when it
    /// was used for another order; 404 when unknown, expired (or its points given back) or another customer's. A bad body: 400 naming the field, nothing written.
    /// </summary>
    public static async Task<Results<Ok<CodeRedemptionView>, NotFound, ProblemHttpResult, ValidationProblem>> RedeemCodeAsync(
        string code, HttpRequest request, LoyaltyDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, bodyErrors) = await JsonRequestBody.ReadAsync<CodeRedemptionRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(bodyErrors!);
        if (body.OrderId is null || !OrderIdPattern().IsMatch(body.OrderId))
            return TypedResults.ValidationProblem(Error("orderId", "The order id is 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'."));
        if (!MemberLedger.IsEmail(body.CustomerEmail))
            return TypedResults.ValidationProblem(Error("customerEmail", "The customer's email address is required."));
        if (body.OrderTotal is not >= 0)
            return TypedResults.ValidationProblem(Error("orderTotal", "The order's total is a number, 0 or more."));

        var key = code.Trim().ToUpperInvariant();
        var email = MemberLedger.NormalizeEmail(body.CustomerEmail!);
        var (outcome, used) = await db.InTransactionAsync<(int, RewardCode?)>(async () =>
        {
            await db.Database.ExecuteSqlAsync($"SELECT code FROM reward_codes WHERE code = {key} FOR UPDATE", cancellationToken);
            var found = await db.RewardCodes.AsTracking()
                .Where(c => c.Code == key && db.Members.Any(m => m.Id == c.MemberId && m.Email == email))
                .SingleOrDefaultAsync(cancellationToken);
            if (found is null)
                return (StatusCodes.Status404NotFound, null);
            if (found.UsedForOrderId == body.OrderId)
                return (StatusCodes.Status200OK, found);
            if (found.UsedForOrderId is not null)
                return (StatusCodes.Status409Conflict, found);
            var now = time.GetUtcNow();
            // Given back by the expiry sweep (its points are the member's again), whatever this replica's clock says (ADR-036).
            if (found.ExpiresAt <= now || found.ReturnedAt is not null)
                return (StatusCodes.Status404NotFound, null);
            found.UsedForOrderId = body.OrderId;
            found.UsedAt = now;
            return (StatusCodes.Status200OK, found);
        }, cancellationToken);

        return outcome switch
        {
            StatusCodes.Status200OK => TypedResults.Ok(new CodeRedemptionView(used!.Code, used.Kind, used.Value, used.Kind == RewardKinds.FreeShipping)),
            StatusCodes.Status409Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Code already used",
                detail: "This code was used for another order."),
            _ => TypedResults.NotFound(),
        };
    }

    /// <summary>An address's tier (the one reached, kept until the yearly review) and its benefits, and its points (an address that never bought: the lowest tier, no points).</summary>
    public static async Task<Results<Ok<BenefitsView>, ValidationProblem>> GetBenefitsAsync(
        string email, LoyaltyDbContext db, ProgrammeStore programme, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!MemberLedger.IsEmail(email))
            return TypedResults.ValidationProblem(Error("email", "An email address is required."));
        var address = MemberLedger.NormalizeEmail(email);
        var member = await db.Members.FirstOrDefaultAsync(m => m.Email == address, cancellationToken);
        var tiers = (await programme.CurrentAsync(db, cancellationToken)).Tiers;
        var (tier, _, _) = TierReview.Held(tiers, member?.Tier, await TierOptions.EarnedInAYearAsync(db, member?.Id, time.GetUtcNow(), cancellationToken));
        return TypedResults.Ok(new BenefitsView(tier.Name, tier.FreeShipping, tier.EarlyAccess, member?.Balance ?? 0));
    }
}
