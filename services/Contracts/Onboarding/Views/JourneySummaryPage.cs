namespace CustomerPlatform.Contracts.Onboarding;

/// <summary>One page of a staff journey list, with the total the filters match.</summary>
public sealed record JourneySummaryPage(IReadOnlyList<JourneySummary> Items, int Page, int PageSize, int Total);
