namespace CustomerPlatform.Ticketing;

public sealed record StaffMemberView(Guid Id, string DisplayName, IReadOnlyList<string> Roles);
