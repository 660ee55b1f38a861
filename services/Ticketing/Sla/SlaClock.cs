using System.Text.Json.Serialization;

namespace CustomerPlatform.Ticketing;

/// <summary>The metrics an <see cref="SlaClock"/> measures.</summary>
public static class SlaMetrics
{
    /// <summary>From the ticket's creation to the first public staff reply.</summary>
    public const string FirstResponse = "first-response";

    /// <summary>From a customer message that follows a staff reply to the next public staff reply.</summary>
    public const string NextResponse = "next-response";

    /// <summary>From the ticket's creation to its solving; re-opening resumes it.</summary>
    public const string Resolution = "resolution";

    public static readonly IReadOnlyList<string> All = [FirstResponse, NextResponse, Resolution];
}

/// <summary>What <see cref="SlaMetric.Status"/> returns.</summary>
public static class SlaStatuses
{
    /// <summary>Running, before its warning point.</summary>
    public const string Active = "active";

    /// <summary>Not counting: the ticket is pending, or (for a response metric) solved or closed.</summary>
    public const string Paused = "paused";

    /// <summary>Running past its warning point.</summary>
    public const string Warning = "warning";

    /// <summary>Not fulfilled, and its target has been reached.</summary>
    public const string Breached = "breached";

    /// <summary>Fulfilled before its target was reached.</summary>
    public const string Achieved = "achieved";

    /// <summary>Fulfilled after its target was reached.</summary>
    public const string Missed = "missed";
}

/// <summary>
/// What to schedule for one metric after an operation of <see cref="SlaClock"/>: a "warning due" message at
/// <paramref name="WarnAt"/> and a "breach due" message at <paramref name="DueAt"/>, each carrying
/// <paramref name="Version"/> for <see cref="SlaClock.MarkWarned"/> and <see cref="SlaClock.MarkBreached"/>.
/// </summary>
/// <param name="Metric">One of <see cref="SlaMetrics"/>.</param>
/// <param name="Version">The metric's <see cref="SlaMetric.Version"/>.</param>
/// <param name="WarnAt">
/// When to warn; <see langword="null"/> when there is no warning to send (already sent, already breached, or due
/// together with the breach). It may be in the past: warn at once.
/// </param>
/// <param name="DueAt">When the metric breaches; <see langword="null"/> when there is no breach to watch. It may be in the past: at once.</param>
/// <remarks>
/// Both <see langword="null"/> means the metric stopped (paused, fulfilled or dropped): whatever was scheduled for it
/// can be cancelled. Cancelling is optional: messages of an older version are refused anyway.
/// </remarks>
public sealed record SlaTimer(string Metric, int Version, DateTimeOffset? WarnAt, DateTimeOffset? DueAt);

/// <summary>
/// One measured metric of a ticket. Times are business time as counted by the policy's calendar.
/// </summary>
public sealed class SlaMetric
{
    /// <summary>One of <see cref="SlaMetrics"/>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The target in business time, from the policy and the ticket's current priority.</summary>
    public TimeSpan Target { get; set; }

    /// <summary>When the measured wait began (the ticket's creation, or the customer message for next-response).</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Business time counted up to <see cref="RunningSince"/> (or in total, when not running).</summary>
    public TimeSpan Elapsed { get; set; }

    /// <summary>When the current run began; <see langword="null"/> when paused or fulfilled.</summary>
    public DateTimeOffset? RunningSince { get; set; }

    /// <summary>When the target is reached if the metric keeps running; <see langword="null"/> while paused, kept once fulfilled.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>When the warning point is reached if the metric keeps running; <see langword="null"/> while paused, kept once fulfilled.</summary>
    public DateTimeOffset? WarnAt { get; set; }

    public DateTimeOffset? FulfilledAt { get; set; }

    /// <summary>
    /// The instant the target was reached, once known: recorded by <see cref="SlaClock.MarkBreached"/>, or when the
    /// metric pauses or is fulfilled past its target. Cleared only when a priority change brings a target not yet reached.
    /// </summary>
    public DateTimeOffset? BreachedAt { get; set; }

    /// <summary>When the warning was handled (<see cref="SlaClock.MarkWarned"/>).</summary>
    public DateTimeOffset? WarnedAt { get; set; }

    /// <summary>
    /// Changes whenever <see cref="DueAt"/> or <see cref="WarnAt"/> change, always upwards and never reused within a
    /// clock (numbers come from <see cref="SlaClock.LastVersion"/>), so a scheduled message can tell it is stale.
    /// </summary>
    public int Version { get; set; }

    /// <summary>The metric at <paramref name="now"/>, one of <see cref="SlaStatuses"/>.</summary>
    /// <remarks>A metric breaches when its elapsed business time reaches its target: fulfilling it exactly at <see cref="DueAt"/> misses it.</remarks>
    public string Status(DateTimeOffset now)
    {
        if (FulfilledAt is not null)
            return BreachedAt is null && Elapsed < Target ? SlaStatuses.Achieved : SlaStatuses.Missed;
        if (BreachedAt is not null || Elapsed >= Target || (RunningSince is not null && now >= DueAt))
            return SlaStatuses.Breached;
        if (RunningSince is null)
            return SlaStatuses.Paused;
        return WarnedAt is not null || now >= WarnAt ? SlaStatuses.Warning : SlaStatuses.Active;
    }
}

/// <summary>
/// The SLA clock of one ticket: first-response, next-response and resolution metrics, counted in business time.
/// A plain mutable object, stored as JSON with the ticket; the caller applies the ticket's events in order and
/// schedules the returned <see cref="SlaTimer"/>s.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Metrics run while the ticket is <c>new</c>, <c>open</c> or <c>on-hold</c> (the team waits on a third party:
/// that is still the team's time). They all pause while it is <c>pending</c> (waiting on the customer), keeping the
/// business time already counted; resuming computes new due times from what is left.</item>
/// <item>Solving (or closing) fulfils resolution and pauses the response metrics without fulfilling them: a customer
/// still waiting for an answer is still waiting if the ticket is re-opened. Re-opening resumes resolution with its
/// elapsed time (and any breach) kept.</item>
/// <item>Next-response starts at a customer message when a first response has been given and the customer is not
/// already waiting; the next public staff reply fulfils it. Each round replaces the previous round's metric.</item>
/// <item>A priority change re-targets unfulfilled metrics, keeping elapsed time: a target not yet reached under the
/// new priority clears a recorded breach (and a warning not yet due clears the warning). A metric whose new priority
/// has no target is dropped; one that gains a target mid-way starts with the business time the wait has already
/// lasted. Fulfilled metrics keep the target they were measured against.</item>
/// <item>Every operation returns the timers of the metrics it changed (see <see cref="SlaTimer"/>).</item>
/// </list>
/// </remarks>
public sealed class SlaClock
{
    /// <summary>The name of the <see cref="SlaPolicy"/> the clock counts under, chosen when it starts.</summary>
    public string Policy { get; set; } = SlaOptions.DefaultPolicy;

    public string Priority { get; set; } = "";

    /// <summary>The ticket's status as last told; empty before <see cref="Start"/>.</summary>
    public string TicketStatus { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Business time the ticket has spent in running statuses, up to <see cref="ActiveSince"/>.</summary>
    public TimeSpan ActiveTime { get; set; }

    /// <summary>Since when the ticket has been in a running status; <see langword="null"/> when pending, solved or closed.</summary>
    public DateTimeOffset? ActiveSince { get; set; }

    public DateTimeOffset? FirstRespondedAt { get; set; }

    /// <summary>Since when the customer has been waiting for a staff reply; <see langword="null"/> when staff replied last.</summary>
    public DateTimeOffset? AwaitingReplySince { get; set; }

    /// <summary>The ticket's <see cref="ActiveTime"/> when the customer started waiting.</summary>
    public TimeSpan ActiveTimeAtAwaitingReply { get; set; }

    /// <summary>The last <see cref="SlaMetric.Version"/> given out.</summary>
    public int LastVersion { get; set; }

    public SlaMetric? FirstResponse { get; set; }

    public SlaMetric? NextResponse { get; set; }

    public SlaMetric? Resolution { get; set; }

    /// <summary>The metrics measured, fulfilled ones included.</summary>
    [JsonIgnore]
    public IEnumerable<SlaMetric> Metrics => new[] { FirstResponse, NextResponse, Resolution }.OfType<SlaMetric>();

    /// <summary>The earliest due time of the running metrics (possibly past), for "breaching soon" views.</summary>
    [JsonIgnore]
    public DateTimeOffset? NextDueAt =>
        Metrics.Where(m => m.RunningSince is not null && m.FulfilledAt is null).Min(m => m.DueAt);

    /// <summary>
    /// Whether a metric still to fulfil has a recorded breach (see <see cref="SlaMetric.BreachedAt"/>). Between the
    /// due time and the breach message, only <see cref="SlaMetric.Status"/> tells.
    /// </summary>
    [JsonIgnore]
    public bool IsBreached => Metrics.Any(m => m.FulfilledAt is null && m.BreachedAt is not null);

    /// <summary>The metric of that name, or <see langword="null"/> when it is not measured.</summary>
    public SlaMetric? Metric(string name) => name switch
    {
        SlaMetrics.FirstResponse => FirstResponse,
        SlaMetrics.NextResponse => NextResponse,
        SlaMetrics.Resolution => Resolution,
        _ => null,
    };

    /// <summary>Starts the clock of a ticket created at <paramref name="createdAt"/> (status <c>new</c>).</summary>
    /// <exception cref="InvalidOperationException">The clock has already started.</exception>
    public IReadOnlyList<SlaTimer> Start(string priority, DateTimeOffset createdAt, SlaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(priority);
        ArgumentNullException.ThrowIfNull(policy);
        if (TicketStatus.Length > 0)
            throw new InvalidOperationException("The SLA clock has already started.");

        Policy = policy.Name;
        Priority = priority;
        TicketStatus = TicketStatuses.New;
        CreatedAt = createdAt;
        ActiveTime = TimeSpan.Zero;
        ActiveSince = createdAt;
        AwaitingReplySince = createdAt;
        ActiveTimeAtAwaitingReply = TimeSpan.Zero;
        return Reconcile(createdAt, policy);
    }

    /// <summary>A message from the customer; <paramref name="status"/> is the ticket's status after it.</summary>
    public IReadOnlyList<SlaTimer> CustomerMessage(DateTimeOffset at, string status, SlaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(status);
        Advance(at, policy);
        if (AwaitingReplySince is null)
        {
            AwaitingReplySince = at;
            ActiveTimeAtAwaitingReply = ActiveTime;
        }
        SetStatus(status, at);
        return Reconcile(at, policy);
    }

    /// <summary>A public reply from staff (internal notes do not count). It fulfils first- or next-response.</summary>
    public IReadOnlyList<SlaTimer> StaffReply(DateTimeOffset at, SlaPolicy policy)
    {
        Advance(at, policy);
        FirstRespondedAt ??= at;
        AwaitingReplySince = null;
        return Reconcile(at, policy);
    }

    /// <summary>The ticket's status changed to <paramref name="to"/>; the clock knows the previous one (<see cref="TicketStatus"/>).</summary>
    public IReadOnlyList<SlaTimer> StatusChanged(string to, DateTimeOffset at, SlaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(to);
        Advance(at, policy);
        SetStatus(to, at);
        return Reconcile(at, policy);
    }

    /// <summary>The ticket's priority changed: unfulfilled metrics take the new targets, keeping their elapsed time.</summary>
    public IReadOnlyList<SlaTimer> PriorityChanged(string priority, DateTimeOffset at, SlaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(priority);
        Advance(at, policy);
        Priority = priority;
        return Reconcile(at, policy);
    }

    /// <summary>
    /// Records the warning of a scheduled "warning due" message. True only when <paramref name="version"/> is the
    /// metric's current one, the metric is running and neither warned nor breached: a stale or repeated message does nothing.
    /// </summary>
    public bool MarkWarned(string metric, int version, DateTimeOffset at)
    {
        if (Metric(metric) is not { } m || m.Version != version || m.RunningSince is null || m.FulfilledAt is not null
            || m.WarnAt is null || m.WarnedAt is not null || m.BreachedAt is not null)
            return false;
        m.WarnedAt = at;
        return true;
    }

    /// <summary>
    /// Records the breach of a scheduled "breach due" message, at the metric's due time. True only when
    /// <paramref name="version"/> is the metric's current one, the metric is running and not already breached.
    /// </summary>
    /// <param name="metric">One of <see cref="SlaMetrics"/>.</param>
    /// <param name="version">The version the message carries.</param>
    /// <param name="at">When the message is handled. The breach is recorded at <see cref="SlaMetric.DueAt"/>, when it happened, however late the message.</param>
    public bool MarkBreached(string metric, int version, DateTimeOffset at)
    {
        if (Metric(metric) is not { } m || m.Version != version || m.RunningSince is null || m.FulfilledAt is not null
            || m.DueAt is not { } due || m.BreachedAt is not null)
            return false;
        m.BreachedAt = due;
        return true;
    }

    private static bool Runs(string status) =>
        status is not (TicketStatuses.Pending or TicketStatuses.Solved or TicketStatuses.Closed);

    private void EnsureStarted()
    {
        if (TicketStatus.Length == 0)
            throw new InvalidOperationException("The SLA clock has not started.");
    }

    /// <summary>Counts the ticket's active time up to <paramref name="at"/>.</summary>
    private void Advance(DateTimeOffset at, SlaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        EnsureStarted();
        if (ActiveSince is { } since && at > since)
        {
            ActiveTime += policy.Calendar.Elapsed(since, at);
            ActiveSince = at;
        }
    }

    private void SetStatus(string status, DateTimeOffset at)
    {
        TicketStatus = status;
        ActiveSince = Runs(status) ? ActiveSince ?? at : null;
    }

    /// <summary>Brings every metric in line with the ticket's state and the policy's targets.</summary>
    private List<SlaTimer> Reconcile(DateTimeOffset at, SlaPolicy policy)
    {
        var timers = new List<SlaTimer>();
        var targets = policy.For(Priority);
        var unsolved = TicketStatuses.IsUnsolved(TicketStatus);

        FirstResponse = Reconcile(FirstResponse, SlaMetrics.FirstResponse, targets?.FirstResponse,
            underway: FirstRespondedAt is null, CreatedAt, TimeSpan.Zero, at, policy, timers);
        NextResponse = Reconcile(NextResponse, SlaMetrics.NextResponse, targets?.NextResponse,
            underway: FirstRespondedAt is not null && AwaitingReplySince is not null,
            AwaitingReplySince ?? at, ActiveTimeAtAwaitingReply, at, policy, timers);
        Resolution = Reconcile(Resolution, SlaMetrics.Resolution, targets?.Resolution,
            underway: unsolved, CreatedAt, TimeSpan.Zero, at, policy, timers);
        return timers;
    }

    /// <param name="underway">Whether what the metric measures is still awaited (fulfilled ones then restart).</param>
    /// <param name="startedAt">When the awaited wait began.</param>
    /// <param name="activeAtStart">The ticket's active time when it began.</param>
    private SlaMetric? Reconcile(SlaMetric? metric, string name, TimeSpan? target, bool underway,
        DateTimeOffset startedAt, TimeSpan activeAtStart, DateTimeOffset at, SlaPolicy policy, List<SlaTimer> timers)
    {
        if (metric is { FulfilledAt: not null })
        {
            if (!underway)
                return metric;
            if (name == SlaMetrics.NextResponse)
                metric = null; // a new round
            else
                metric.FulfilledAt = null; // re-opened: resumes below
        }

        if (metric is null)
        {
            if (!underway || target is not { } time)
                return null;
            metric = new SlaMetric
            {
                Name = name,
                Target = time,
                StartedAt = startedAt,
                Elapsed = ActiveTime - activeAtStart,
            };
            Schedule(metric, Runs(TicketStatus), at, policy, timers, force: true);
            return metric;
        }

        if (target is not { } newTarget)
        {
            timers.Add(new SlaTimer(name, metric.Version, null, null));
            return null;
        }

        if (!underway)
        {
            Settle(metric, at, policy);
            if (metric.Elapsed >= metric.Target)
                metric.BreachedAt ??= metric.DueAt ?? at;
            metric.RunningSince = null;
            metric.FulfilledAt = at;
            timers.Add(new SlaTimer(name, metric.Version, null, null));
            return metric;
        }

        var retargeted = newTarget != metric.Target;
        if (retargeted)
        {
            Settle(metric, at, policy);
            metric.Target = newTarget;
            if (metric.Elapsed < newTarget)
                metric.BreachedAt = null;
            if (metric.Elapsed < newTarget * policy.WarningAt)
                metric.WarnedAt = null;
        }
        Schedule(metric, Runs(TicketStatus), at, policy, timers, force: retargeted);
        return metric;
    }

    /// <summary>Banks the business time of the current run up to <paramref name="at"/>.</summary>
    private static void Settle(SlaMetric metric, DateTimeOffset at, SlaPolicy policy)
    {
        if (metric.RunningSince is { } since && at > since)
        {
            metric.Elapsed += policy.Calendar.Elapsed(since, at);
            metric.RunningSince = at;
        }
    }

    /// <summary>
    /// Runs or pauses the metric and recomputes its due and warning times from its current run. A running metric's
    /// times are the same however often they are recomputed, so only real changes give a new version and a timer.
    /// </summary>
    private void Schedule(SlaMetric metric, bool run, DateTimeOffset at, SlaPolicy policy, List<SlaTimer> timers, bool force)
    {
        DateTimeOffset? due = null, warn = null;
        if (run)
        {
            var from = metric.RunningSince ??= at;
            var left = metric.Target - metric.Elapsed;
            due = left > TimeSpan.Zero ? policy.Calendar.Add(from, left) : from;
            var warnLeft = metric.Target * policy.WarningAt - metric.Elapsed;
            warn = warnLeft > TimeSpan.Zero ? policy.Calendar.Add(from, warnLeft) : from;
        }
        else
        {
            Settle(metric, at, policy);
            if (metric.Elapsed >= metric.Target)
                metric.BreachedAt ??= metric.DueAt ?? at;
            metric.RunningSince = null;
        }

        if (!force && due == metric.DueAt && warn == metric.WarnAt)
            return;
        metric.DueAt = due;
        metric.WarnAt = warn;
        metric.Version = ++LastVersion;
        timers.Add(TimerOf(metric));
    }

    private static SlaTimer TimerOf(SlaMetric m)
    {
        if (m.RunningSince is null || m.BreachedAt is not null)
            return new SlaTimer(m.Name, m.Version, null, null);
        var warn = m.WarnedAt is null && m.WarnAt < m.DueAt ? m.WarnAt : null;
        return new SlaTimer(m.Name, m.Version, warn, m.DueAt);
    }
}
