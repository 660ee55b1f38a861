namespace CustomerPlatform.Onboarding;

/// <summary>
/// The read model of one customer's journey: what <c>GET /api/onboarding/journey</c> shows. Only the
/// journey saga writes it, in the saga's own transaction, so it never disagrees with the saga.
/// </summary>
public sealed class Journey
{
    public Guid CustomerId { get; set; }
    public string CustomerName { get; set; } = "";
    public string CustomerEmail { get; set; } = "";

    /// <summary>
    /// When Identity confirmed <see cref="CustomerEmail"/> (<c>CustomerEmailChanged.ChangedAt</c>); null while it is
    /// the sign-up address. A change that is not newer than this one arrived late and is ignored.
    /// </summary>
    public DateTimeOffset? CustomerEmailChangedAt { get; set; }

    public string Status { get; set; } = JourneyStatuses.InProgress;
    public List<StepRecord> Steps { get; set; } = [];
    public Guid? SuccessManagerId { get; set; }
    public string? SuccessManagerName { get; set; }
    public string? SuccessManagerEmail { get; set; }
    public CustomerDetails? Details { get; set; }
    public CustomerProfile? Profile { get; set; }
    public List<string> ExploredFeatures { get; set; } = [];
    public Survey? Survey { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    public static Journey Start(Guid customerId, DateTimeOffset at) => new()
    {
        CustomerId = customerId,
        StartedAt = at,
        Steps = JourneySteps.All.Select(s => new StepRecord { Number = s.Number, ChangedAt = at }).ToList(),
    };

    public StepRecord Step(int number) => Steps[number - 1];

    public bool Is(int number, string status) => Step(number).Status == status;

    public bool IsCompleted(int number) => Is(number, StepStatuses.Completed);

    /// <summary>The steps waiting on the customer right now, lowest first.</summary>
    public IEnumerable<int> WaitingOnCustomer() =>
        Steps.Where(s => s.Status == StepStatuses.Active && JourneySteps.Get(s.Number).WaitsOnCustomer).Select(s => s.Number);
}
