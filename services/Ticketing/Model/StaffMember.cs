namespace CustomerPlatform.Ticketing;

/// <summary>
/// Ticketing's copy of a staff account, kept from Identity's <c>StaffAccountChanged</c>: the names the
/// threads show, and who a ticket may be assigned to.
/// </summary>
public sealed class StaffMember
{
    public Guid Id { get; init; }
    public required string Email { get; set; }
    public required string DisplayName { get; set; }
    public List<string> Roles { get; set; } = [];
    public bool Active { get; set; }

    /// <summary>When Identity changed the account; an older change never overwrites a newer one.</summary>
    public DateTimeOffset ChangedAt { get; set; }
}
