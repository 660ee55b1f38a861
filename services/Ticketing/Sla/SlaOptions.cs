using System.Globalization;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// The <c>Ticketing:Sla</c> configuration section: the business calendar the targets are counted in and the
/// targets per priority. Hours per day are "09:00-17:00" (several ranges separated by commas; "00:00-24:00" is the
/// whole day; a day not listed is closed); holidays are dates in the calendar's time zone; targets are TimeSpans
/// of business time ("04:00:00"), a missing one meaning no target.
/// </summary>
public sealed class SlaOptions
{
    public const string Section = "Ticketing:Sla";

    public string TimeZone { get; set; } = "UTC";

    public Dictionary<string, string> Hours { get; set; } = new()
    {
        [nameof(DayOfWeek.Monday)] = "09:00-17:00",
        [nameof(DayOfWeek.Tuesday)] = "09:00-17:00",
        [nameof(DayOfWeek.Wednesday)] = "09:00-17:00",
        [nameof(DayOfWeek.Thursday)] = "09:00-17:00",
        [nameof(DayOfWeek.Friday)] = "09:00-17:00",
    };

    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>The share of a target at which the ticket is flagged as about to breach.</summary>
    public double WarningAt { get; set; } = 0.75;

    /// <summary>A ticket is "breaching soon" in the queue views when a target falls due within this time.</summary>
    public TimeSpan SoonWithin { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Per priority. The defaults follow common support-desk practice, in business hours.</summary>
    public Dictionary<string, SlaTargetOptions> Targets { get; set; } = new()
    {
        [TicketPriorities.Urgent] = new() { FirstResponse = TimeSpan.FromHours(1), NextResponse = TimeSpan.FromHours(2), Resolution = TimeSpan.FromHours(8) },
        [TicketPriorities.High] = new() { FirstResponse = TimeSpan.FromHours(4), NextResponse = TimeSpan.FromHours(4), Resolution = TimeSpan.FromHours(16) },
        [TicketPriorities.Normal] = new() { FirstResponse = TimeSpan.FromHours(8), NextResponse = TimeSpan.FromHours(8), Resolution = TimeSpan.FromHours(40) },
        [TicketPriorities.Low] = new() { FirstResponse = TimeSpan.FromHours(16), NextResponse = TimeSpan.FromHours(16), Resolution = TimeSpan.FromHours(80) },
    };

    /// <summary>
    /// A queue's own targets, by queue key and then priority (<c>Ticketing:Sla:Queues:billing:urgent:FirstResponse</c>): a
    /// priority given here replaces that priority's <see cref="Targets"/> for the queue's tickets; the calendar is shared.
    /// </summary>
    public Dictionary<string, Dictionary<string, SlaTargetOptions>> Queues { get; set; } = [];

    /// <summary>The name of the policy of the tickets of no queue with targets of its own.</summary>
    public const string DefaultPolicy = "default";

    /// <summary>
    /// The policies these settings describe, by name: <see cref="DefaultPolicy"/> and one per queue in <see cref="Queues"/>
    /// (named as the queue). Throws, naming the setting, when one is wrong.
    /// </summary>
    public IReadOnlyDictionary<string, SlaPolicy> ToPolicies()
    {
        var standard = ToPolicy();
        var policies = new Dictionary<string, SlaPolicy>(StringComparer.Ordinal) { [DefaultPolicy] = standard };
        foreach (var (queue, targets) in Queues)
        {
            if (queue == DefaultPolicy || !TicketRules.IsQueueKey(queue))
                throw new InvalidOperationException($"{Section}:Queues: '{queue}' is not a queue key.");
            var merged = new Dictionary<string, SlaTargets>(standard.ByPriority);
            foreach (var (priority, target) in targets)
            {
                if (!TicketPriorities.All.Contains(priority))
                    throw new InvalidOperationException($"{Section}:Queues:{queue}: '{priority}' is not a priority.");
                merged[priority] = new SlaTargets(target.FirstResponse, target.NextResponse, target.Resolution);
            }
            policies[queue] = new SlaPolicy(queue, standard.Calendar, merged, WarningAt);
        }
        return policies;
    }

    /// <summary>The policy these settings describe; throws, naming the setting, when one is wrong.</summary>
    public SlaPolicy ToPolicy()
    {
        var hours = new List<BusinessHours>();
        foreach (var (dayName, ranges) in Hours)
        {
            if (!Enum.TryParse<DayOfWeek>(dayName, ignoreCase: true, out var day) || int.TryParse(dayName, out _))
                throw new InvalidOperationException($"{Section}:Hours: '{dayName}' is not a day of the week.");
            foreach (var range in (ranges ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = range.Split('-', StringSplitOptions.TrimEntries);
                if (parts.Length != 2 || !TryTime(parts[0], out var opens) || !TryTime(parts[1], out var closes))
                    throw new InvalidOperationException($"{Section}:Hours:{dayName}: '{range}' is not a range such as 09:00-17:00.");
                hours.Add(new BusinessHours(day, opens, closes));
            }
        }

        var calendar = new BusinessCalendar(TimeZone, hours, Holidays);
        var targets = Targets.ToDictionary(t => t.Key, t => new SlaTargets(t.Value.FirstResponse, t.Value.NextResponse, t.Value.Resolution));
        return new SlaPolicy(DefaultPolicy, calendar, targets, WarningAt);
    }

    /// <summary>"24:00" is the end of the day (the calendar's midnight closing).</summary>
    private static bool TryTime(string text, out TimeOnly time)
    {
        if (text is "24:00")
        {
            time = TimeOnly.MinValue;
            return true;
        }
        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }
}

public sealed class SlaTargetOptions
{
    public TimeSpan? FirstResponse { get; set; }
    public TimeSpan? NextResponse { get; set; }
    public TimeSpan? Resolution { get; set; }
}

/// <summary>Checks the settings when the service starts: a wrong one stops it with a message naming the setting.</summary>
public sealed class SlaOptionsValidation : Microsoft.Extensions.Options.IValidateOptions<SlaOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, SlaOptions options)
    {
        try
        {
            options.ToPolicies();
            return Microsoft.Extensions.Options.ValidateOptionsResult.Success;
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
        {
            return Microsoft.Extensions.Options.ValidateOptionsResult.Fail(exception.Message);
        }
    }
}
