namespace CustomerPlatform.Contracts.Training;

/// <summary>
/// A staff member rejected the training's approval (journey steps 11 and 19): the customer's
/// enrollment at <see cref="Level"/> must be passed again. Training marks the quiz not passed, gives
/// the quiz's attempts again and, when it is passed once more, publishes a new
/// <see cref="TrainingCompleted"/>. Idempotent by <see cref="ReopenId"/>.
/// </summary>
public record ReopenTraining
{
    public required Guid ReopenId { get; init; }
    public required Guid CustomerId { get; init; }
    public required string Level { get; init; }
    public required string Reason { get; init; }
    public Guid? CorrelationId { get; init; }
}
