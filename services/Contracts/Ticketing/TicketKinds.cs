namespace CustomerPlatform.Contracts.Ticketing;

/// <summary>Why a ticket exists; Onboarding waits on answers to <see cref="OnboardingQuestion"/> tickets (journey step 16).</summary>
public static class TicketKinds
{
    /// <summary>A question asked at journey step 15, for the customer's CSM.</summary>
    public const string OnboardingQuestion = "onboarding-question";

    /// <summary>"Help" asked at any step: for the CSM, or the support queue before one is assigned.</summary>
    public const string Help = "help";

    /// <summary>Raised for the CSM when a customer used every quiz attempt without passing.</summary>
    public const string TrainingAttemptsExhausted = "training-attempts-exhausted";

    /// <summary>A customer's own request to the support desk (the app's contact form, later email, chat and calls).</summary>
    public const string Request = "request";

    public static readonly IReadOnlyList<string> All = [OnboardingQuestion, Help, TrainingAttemptsExhausted, Request];
}
