namespace CustomerPlatform.Onboarding;

/// <summary>
/// Onboarding's directory of staff, kept from Identity's <c>StaffAccountChanged</c>. CSMs carry the
/// load counters the assignment of step 7 balances on.
/// </summary>
public sealed class StaffMember
{
    public Guid Id { get; set; }
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string[] Roles { get; set; } = [];
    public bool IsSuccessManager { get; set; }
    public bool IsAdmin { get; set; }
    public bool Active { get; set; }
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>Journeys assigned to this CSM and not completed.</summary>
    public int OpenJourneys { get; set; }

    public DateTimeOffset? LastAssignedAt { get; set; }
}
