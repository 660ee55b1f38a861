namespace CustomerPlatform.Ticketing;

/// <summary>
/// The SLA targets of one priority, in business time (see <see cref="BusinessCalendar"/>); <see langword="null"/>
/// means the metric is not measured for that priority.
/// </summary>
/// <param name="FirstResponse">From the ticket's creation to the first public staff reply.</param>
/// <param name="NextResponse">From a customer message that follows a staff reply to the next public staff reply.</param>
/// <param name="Resolution">From the ticket's creation to its solving, re-openings included.</param>
public sealed record SlaTargets(TimeSpan? FirstResponse, TimeSpan? NextResponse, TimeSpan? Resolution);

/// <summary>
/// An SLA policy: business hours, targets per ticket priority, and how early to warn. Immutable.
/// </summary>
public sealed class SlaPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="name">A name to show, such as <c>Standard</c>.</param>
    /// <param name="calendar">The business hours the targets count in.</param>
    /// <param name="byPriority">
    /// Targets by priority (<see cref="TicketPriorities"/>); a priority missing here has no targets at all.
    /// </param>
    /// <param name="warningAt">
    /// The fraction of a target after which a metric is in warning, above 0 and at most 1 (1: no warning before the breach).
    /// </param>
    /// <exception cref="ArgumentException">A name is blank, a target is not positive, or <paramref name="warningAt"/> is out of range.</exception>
    public SlaPolicy(string name, BusinessCalendar calendar, IReadOnlyDictionary<string, SlaTargets> byPriority, double warningAt = 0.75)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(byPriority);
        if (!(warningAt > 0 && warningAt <= 1))
            throw new ArgumentOutOfRangeException(nameof(warningAt), warningAt, "The warning point must be above 0 and at most 1.");

        var targets = new Dictionary<string, SlaTargets>(StringComparer.Ordinal);
        foreach (var (priority, target) in byPriority)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(priority, nameof(byPriority));
            ArgumentNullException.ThrowIfNull(target, nameof(byPriority));
            foreach (var time in new[] { target.FirstResponse, target.NextResponse, target.Resolution })
            {
                if (time is { } value && value <= TimeSpan.Zero)
                    throw new ArgumentException($"The targets of '{priority}' must be positive.", nameof(byPriority));
            }
            targets[priority] = target;
        }

        Name = name;
        Calendar = calendar;
        ByPriority = targets;
        WarningAt = warningAt;
    }

    public string Name { get; }

    public BusinessCalendar Calendar { get; }

    public IReadOnlyDictionary<string, SlaTargets> ByPriority { get; }

    /// <summary>The fraction of a target after which a metric is in warning (0.75: at 3 hours of a 4-hour target).</summary>
    public double WarningAt { get; }

    /// <summary>The targets of a priority, or <see langword="null"/> when it has none.</summary>
    public SlaTargets? For(string priority) =>
        priority is not null && ByPriority.TryGetValue(priority, out var targets) ? targets : null;
}
