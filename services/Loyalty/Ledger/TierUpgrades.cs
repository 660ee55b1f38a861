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

    /// <summary>The loyalty page's address for an email: <see cref="AppUrl"/>, else the public issuer, then <see cref="LoyaltyPath"/>.</summary>
    public string LoyaltyLink(IConfiguration configuration) =>
        (AppUrl?.ToString() ?? configuration[AuthenticationExtensions.IssuerKey] ?? "http://localhost:8080").TrimEnd('/') + LoyaltyPath;
}

/// <summary>
/// The tier upgrade email (ADR-034): after an entry that counts toward the tier (<see cref="TierOptions.EarnedInAYearAsync"/>)
/// was appended, if it took the member's points of the last 12 months over a higher tier's threshold, publishes one
/// <see cref="SendEmail"/> of <see cref="EmailTemplates.LoyaltyTierUpgraded"/> for the highest tier reached, in the
/// caller's transaction (the bus outbox in a request, the consumer outbox in a consumer). Its NotificationId is derived
/// from the member and the tier, so Notifications sends it once per member and tier, however often it is asked.
/// </summary>
public sealed class TierUpgrades(
    IPublishEndpoint publisher, LedgerEvents ledger, IOptions<LoyaltyEmailOptions> emails, IConfiguration configuration)
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
        var (appended, raisedTo) = await ledger.AppendForTierAsync(db, member, entry, cancellationToken);
        if (raisedTo is null)
            return appended;
        // Upgrades take effect at once and are kept until the yearly review (ADR-036): the tier raised to is above the one stored.
        member.Tier = raisedTo.Name;
        await publisher.Publish(new SendEmail
        {
            NotificationId = NotificationId(member.Id, raisedTo.Name),
            CustomerId = member.CustomerId ?? Guid.Empty,
            To = member.Email,
            Template = EmailTemplates.LoyaltyTierUpgraded,
            Variables = Variables(raisedTo),
        }, cancellationToken);
        return appended;
    }

    private Dictionary<string, string> Variables(TierOptions.Tier tier)
    {
        var variables = new Dictionary<string, string>
        {
            ["tierName"] = EmailText.OneLine(tier.Name),
            ["loyaltyLink"] = emails.Value.LoyaltyLink(configuration),
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

}
