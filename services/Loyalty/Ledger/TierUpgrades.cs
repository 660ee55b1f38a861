using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Loyalty.Programme;
using MassTransit;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Loyalty.Ledger;

/// <summary>The <c>Loyalty</c> section's settings for the programme's emails.</summary>
public sealed class LoyaltyEmailOptions
{
    public const string Section = "Loyalty";

    /// <summary>The app's origin for the emails' links; default the public issuer (the gateway's origin).</summary>
    public Uri? AppUrl { get; set; }

    /// <summary>The app's page that shows a member their points and tier.</summary>
    public string LoyaltyPath { get; set; } = "/loyalty";
}

/// <summary>
/// The tier upgrade email (ADR-034): after an entry that counts toward the tier (<see cref="TierOptions.EarnedInAYearAsync"/>)
/// was appended, if it took the member's points of the last 12 months over a higher tier's threshold, publishes one
/// <see cref="SendEmail"/> of <see cref="EmailTemplates.LoyaltyTierUpgraded"/> for the highest tier reached, in the
/// caller's transaction (the bus outbox in a request, the consumer outbox in a consumer). Its NotificationId is derived
/// from the member and the tier, so Notifications sends it once per member and tier, however often it is asked.
/// </summary>
public sealed class TierUpgrades(
    IPublishEndpoint publisher, LedgerEvents ledger, ProgrammeStore programme, IOptions<LoyaltyEmailOptions> emails, IConfiguration configuration)
{
    /// <summary>Whether an entry of <paramref name="kind"/> counts toward the tier (the kinds <see cref="TierOptions.EarnedInAYearAsync"/> sums).</summary>
    public static bool CountsTowardTier(string kind) => kind is LedgerKinds.Earn or LedgerKinds.Confirm or LedgerKinds.Reverse;

    /// <summary>The NotificationId of the email telling <paramref name="memberId"/> they reached <paramref name="tier"/>.</summary>
    public static Guid NotificationId(Guid memberId, string tier) =>
        NotificationIds.NameBased(ResourceNames.Services.Loyalty, $"{EmailTemplates.LoyaltyTierUpgraded}/{memberId:N}/{tier.ToLowerInvariant()}");

    /// <summary>
    /// Appends <paramref name="entry"/> to the locked <paramref name="member"/>'s ledger, announced (<see cref="LedgerEvents.AppendAsync"/>),
    /// and, when it was appended, publishes the upgrade email if it moved the member up a tier, in the same transaction;
    /// true when it was appended.
    /// </summary>
    public async Task<bool> AppendAndAnnounceAsync(LoyaltyDbContext db, Member member, LedgerEntry entry, CancellationToken cancellationToken)
    {
        if (!await ledger.AppendAsync(db, member, entry, cancellationToken))
            return false;
        await AfterAppendAsync(db, member, entry, cancellationToken);
        return true;
    }

    /// <summary>
    /// Called with an entry just appended (under the member's lock, in the transaction that appended it): publishes the
    /// upgrade email when the entry moved the member up a tier; the tier reached, or null.
    /// </summary>
    private async Task<TierOptions.Tier?> AfterAppendAsync(LoyaltyDbContext db, Member member, LedgerEntry entry, CancellationToken cancellationToken)
    {
        if (!CountsTowardTier(entry.Kind) || entry.Points <= 0)
            return null;
        var earned = await TierOptions.EarnedInAYearAsync(db, member.Id, entry.RecordedAt, cancellationToken);
        var tiers = (await programme.CurrentAsync(db, cancellationToken)).Tiers;
        // The tier held (ADR-036) before and after: a member who keeps Gold is not told they reached Silver.
        var (before, _, _) = TierReview.Held(tiers, member.Tier, earned - entry.Points);
        var (after, _, _) = TierReview.Held(tiers, member.Tier, earned);
        if (after.Threshold <= before.Threshold)
            return null;
        // Upgrades take effect at once and are kept until the yearly review (ADR-036).
        TierReview.Reached(tiers, member, after);

        await publisher.Publish(new SendEmail
        {
            NotificationId = NotificationId(member.Id, after.Name),
            CustomerId = member.CustomerId ?? Guid.Empty,
            To = member.Email,
            Template = EmailTemplates.LoyaltyTierUpgraded,
            Variables = Variables(after),
        }, cancellationToken);
        return after;
    }

    private Dictionary<string, string> Variables(TierOptions.Tier tier)
    {
        var variables = new Dictionary<string, string>
        {
            ["tierName"] = EmailText.OneLine(tier.Name),
            ["loyaltyLink"] = AppUrl() + emails.Value.LoyaltyPath,
        };
        List<string> benefits = [];
        if (tier.FreeShipping)
            benefits.Add("Free shipping on every order");
        if (tier.EarlyAccess)
            benefits.Add("Early access to new products and sales");
        if (benefits.Count > 0)
            variables["benefits"] = EmailText.Paragraph(string.Join('\n', benefits), 2000);
        return variables;
    }

    private string AppUrl() =>
        (emails.Value.AppUrl?.ToString() ?? configuration[AuthenticationExtensions.IssuerKey] ?? "http://localhost:8080").TrimEnd('/');
}
