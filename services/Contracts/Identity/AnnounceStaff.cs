namespace CustomerPlatform.Contracts.Identity;

/// <summary>
/// Asks Identity to publish <see cref="StaffAccountChanged"/> for every staff account again. A service
/// that keeps a staff directory publishes it once its own queue is bound: events Identity published at
/// its start, before that queue existed, went nowhere, and this is how the directory catches up.
/// </summary>
public record AnnounceStaff
{
    /// <summary>The service asking (for the logs).</summary>
    public required string RequestedBy { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }
}
