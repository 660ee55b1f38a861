namespace CustomerPlatform.Onboarding;

/// <summary>One of the 19 steps of the journey, as journey.md lists it.</summary>
/// <param name="WaitsOnCustomer">The customer must act for it to complete, so idling on it earns one reminder.</param>
public sealed record JourneyStep(int Number, string Key, string Title, bool WaitsOnCustomer = false);
