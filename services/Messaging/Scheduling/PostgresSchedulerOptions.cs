namespace CustomerPlatform.Messaging.Scheduling;

public sealed class PostgresSchedulerOptions
{
    /// <summary>
    /// The longest the dispatcher sleeps between looks at its table. It sleeps less when the next row
    /// is due sooner, and is woken at once when this process stores a schedule; the interval bounds the
    /// lateness of rows stored by another replica of the same service (they share the table).
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Due rows sent per transaction.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a cancel that found nothing to delete is remembered, so a late schedule with its token is dropped.</summary>
    public TimeSpan TombstoneLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long one send to the broker may take before the pass gives up and keeps the row for the next
    /// one: a send can otherwise wait for ever on a channel that died with the broker (ADR-021).
    /// </summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The pause after a failed pass (database or broker down) before the next one.</summary>
    public TimeSpan ErrorDelay { get; set; } = TimeSpan.FromSeconds(2);
}
