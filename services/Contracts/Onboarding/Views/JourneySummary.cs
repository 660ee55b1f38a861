namespace CustomerPlatform.Contracts.Onboarding;

/// <summary>
/// A journey in a staff list: who, how far, and the step it stands on (<see cref="CurrentStep"/>, null
/// once complete) with whom it waits on (<c>customer</c>, <c>staff</c> or <c>platform</c>) and since when.
/// </summary>
public sealed record JourneySummary(
    Guid CustomerId, string CustomerName, string CustomerEmail, string Status, int StepsDone,
    JourneyStepResponse? CurrentStep, string? WaitingOn, DateTimeOffset Since, SuccessManagerResponse? SuccessManager);
