namespace CustomerPlatform.Onboarding;

/// <summary>The 19 steps, spelled once (numbers, keys and titles are part of the public API).</summary>
public static class JourneySteps
{
    public const int SignedUp = 1;
    public const int VerificationSent = 2;
    public const int EmailVerified = 3;
    public const int DetailsFormProvided = 4;
    public const int DetailsSubmitted = 5;
    public const int DetailsApproved = 6;
    public const int SuccessManagerAssigned = 7;
    public const int IntroductionSent = 8;
    public const int InitialTrainingEnrolled = 9;
    public const int InitialTrainingCompleted = 10;
    public const int InitialTrainingApproved = 11;
    public const int ProfileCompleted = 12;
    public const int ToolsIntegrated = 13;
    public const int ProductExplored = 14;
    public const int QueriesAsked = 15;
    public const int QueriesAnswered = 16;
    public const int AdvancedTrainingOffered = 17;
    public const int AdvancedTrainingCompleted = 18;
    public const int AdvancedTrainingApproved = 19;

    public static readonly IReadOnlyList<JourneyStep> All =
    [
        new(1, "signed-up", "User signs up with email"),
        new(2, "verification-sent", "Verification email is sent"),
        new(3, "email-verified", "User clicks on verification link", WaitsOnCustomer: true),
        new(4, "details-form-provided", "Detail collection form is provided"),
        new(5, "details-submitted", "User fills out and submits detail form", WaitsOnCustomer: true),
        new(6, "details-approved", "Approval: User Details"),
        new(7, "success-manager-assigned", "Designate a customer success manager for user"),
        new(8, "introduction-sent", "Introduction email is sent from customer success manager"),
        new(9, "initial-training-enrolled", "User is enrolled in initial product training"),
        new(10, "initial-training-completed", "User completes initial training and quiz", WaitsOnCustomer: true),
        new(11, "initial-training-approved", "Approval: Initial Training"),
        new(12, "profile-completed", "User sets up personal profile", WaitsOnCustomer: true),
        new(13, "tools-integrated", "User integrates personal tools", WaitsOnCustomer: true),
        new(14, "product-explored", "User explores product functionalities", WaitsOnCustomer: true),
        new(15, "queries-asked", "User asks any queries", WaitsOnCustomer: true),
        new(16, "queries-answered", "Customer success manager addresses queries"),
        new(17, "advanced-training-offered", "User is offered advanced training", WaitsOnCustomer: true),
        new(18, "advanced-training-completed", "User completes advanced training and quiz", WaitsOnCustomer: true),
        new(19, "advanced-training-approved", "Approval: Advanced Training"),
    ];

    /// <summary>The steps a customer may say they are done with (<c>steps/{key}/done</c>).</summary>
    public static readonly IReadOnlyList<int> DoneByCustomer = [ToolsIntegrated, ProductExplored, QueriesAsked];

    public static JourneyStep Get(int number) => All[number - 1];

    public static JourneyStep? Find(string key) => All.FirstOrDefault(s => s.Key == key);
}
