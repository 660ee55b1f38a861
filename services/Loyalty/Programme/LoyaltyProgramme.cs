using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using CustomerPlatform.Loyalty.Earning;
using CustomerPlatform.Loyalty.Ledger;
using CustomerPlatform.Loyalty.Rewards;

namespace CustomerPlatform.Loyalty.Programme;

/// <summary>
/// The programme as admins edit it (ADR-037): the earning rules, the tiers (lowest first) and the rewards catalogue, in
/// the shapes of the options they were first read from (version 1 is the configuration), checked by those options' rules.
/// </summary>
public sealed class LoyaltyProgramme
{
    /// <summary>How a version is stored (jsonb) and answered: the web's camel case, as the admin sent it.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public EarningOptions? Earning { get; set; }
    public List<TierOptions.Tier?>? Tiers { get; set; }
    public Dictionary<string, RewardOptions.Reward>? Rewards { get; set; }

    /// <summary>The programme the configuration describes: version 1.</summary>
    public static LoyaltyProgramme FromOptions(EarningOptions earning, TierOptions tiers, RewardOptions rewards) => new()
    {
        Earning = earning,
        Tiers = [.. tiers.Ladder],
        Rewards = new Dictionary<string, RewardOptions.Reward>(rewards.Rewards, StringComparer.Ordinal),
    };

    /// <summary>Every rule broken, each naming its field (<c>earning.pointsPerUnit</c>, <c>tiers[1].threshold</c>, <c>rewards.ten-off.cost</c>).</summary>
    public IEnumerable<ValidationResult> Validate()
    {
        if (Earning is null)
            yield return new ValidationResult("'earning' is required.", ["earning"]);
        else
            foreach (var result in FieldErrors.Of(Earning, "earning"))
                yield return result;
        if (Tiers is null)
            yield return new ValidationResult("'tiers' is required.", ["tiers"]);
        else
            foreach (var result in TierOptions.ValidateLadder(Tiers, "tiers"))
                yield return result;
        if (Rewards is null)
            yield return new ValidationResult("'rewards' is required (an empty object for none).", ["rewards"]);
        else
            foreach (var result in RewardOptions.ValidateCatalogue(Rewards, "rewards"))
                yield return result;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static LoyaltyProgramme FromJson(string json) =>
        JsonSerializer.Deserialize<LoyaltyProgramme>(json, Json) ?? throw new InvalidOperationException("A programme version's document is null.");
}

/// <summary>One saved version of the programme: never changed once written; the highest is the current one.</summary>
public sealed class ProgrammeVersion
{
    public int Version { get; set; }
    /// <summary>The <see cref="LoyaltyProgramme"/> as JSON.</summary>
    public required string Document { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedById { get; set; }
    public string? CreatedByName { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// The programme in force: its version (what ledger entries record) and its rules, ready to use. Immutable once built,
/// so one instance serves every request until a higher version appears.
/// </summary>
public sealed class CurrentProgramme
{
    public CurrentProgramme(int version, LoyaltyProgramme programme)
    {
        Version = version;
        Document = programme;
        Earning = programme.Earning!;
        Tiers = new TierOptions { Tiers = [.. programme.Tiers!.OfType<TierOptions.Tier>()] };
        Rewards = programme.Rewards!;
    }

    public int Version { get; }
    public LoyaltyProgramme Document { get; }
    public EarningOptions Earning { get; }
    public TierOptions Tiers { get; }
    public IReadOnlyDictionary<string, RewardOptions.Reward> Rewards { get; }
}
