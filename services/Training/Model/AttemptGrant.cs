namespace CustomerPlatform.Training;

/// <summary>Extra quiz attempts a CSM or admin gave an enrollment, kept for the audit trail.</summary>
public sealed class AttemptGrant
{
    public Guid Id { get; init; }
    public Guid EnrollmentId { get; init; }
    public int Count { get; init; }
    public required string Reason { get; init; }
    public Guid GrantedBy { get; init; }
    public DateTimeOffset GrantedAt { get; init; }
}
