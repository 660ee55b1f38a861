namespace CustomerPlatform.Contracts.Training;

/// <summary>A CSM or admin gave the customer more quiz attempts on an enrollment.</summary>
public record ExtraAttemptsGranted
{
    public required Guid EnrollmentId { get; init; }
    public required Guid CustomerId { get; init; }
    public required string Level { get; init; }
    public required int Count { get; init; }
    public required string Reason { get; init; }
    public required Guid GrantedBy { get; init; }
    public required DateTimeOffset GrantedAt { get; init; }
}
