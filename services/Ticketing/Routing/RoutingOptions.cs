namespace CustomerPlatform.Ticketing;

/// <summary>
/// The <c>Ticketing:Routing</c> configuration section: the support desk's queues and the rules that pick a new ticket's
/// queue. Rules are tried in order and the first that matches wins; a ticket no rule matches goes to
/// <see cref="TicketQueues.Support"/>. Who works a queue, with which skills and how many tickets at once, is kept per
/// agent in the database (<see cref="StaffMember"/>), where admins change it without a redeploy.
/// </summary>
public sealed class RoutingOptions
{
    public const string Section = "Ticketing:Routing";

    /// <summary>Queues by key (letters, digits and '-'); <see cref="TicketQueues.Support"/> always exists.</summary>
    public Dictionary<string, QueueOptions> Queues { get; set; } = [];

    public List<RoutingRuleOptions> Rules { get; set; } = [];

    /// <summary>How many unsolved tickets an agent holds at most, unless an admin set the agent's own capacity.</summary>
    public int DefaultCapacity { get; set; } = 10;

    /// <summary>How many unsolved tickets (chats among them) an agent holds at most: their own capacity if an admin set one, else the default.</summary>
    public int CapacityOf(int? ownCapacity) => ownCapacity ?? DefaultCapacity;

    /// <summary>The queues by key, the support queue included, in a stable order (the support queue first).</summary>
    public IReadOnlyList<KeyValuePair<string, QueueOptions>> AllQueues() =>
        [new(TicketQueues.Support, Queues.GetValueOrDefault(TicketQueues.Support) ?? new QueueOptions { Name = "Support" }),
         .. Queues.Where(q => q.Key != TicketQueues.Support).OrderBy(q => q.Key, StringComparer.Ordinal)];

    public bool IsQueue(string key) => key == TicketQueues.Support || Queues.ContainsKey(key);
}

public sealed class QueueOptions
{
    /// <summary>The name agents see; the key when unset.</summary>
    public string? Name { get; set; }
}

/// <summary>
/// One rule: every condition set must hold (an unset one always holds). <see cref="Channels"/>: the ticket came in on
/// one of these; <see cref="SubjectWords"/>: its subject contains one of these words (case-insensitive, whole words);
/// <see cref="HasOrder"/>: it is (true) or is not (false) about an order; <see cref="Tiers"/>: its customer's loyalty tier
/// is one of these (case-insensitive; a customer Loyalty has told no tier has none). Then it goes to <see cref="Queue"/>,
/// only agents with <see cref="Skill"/> (when set) are given it, and its priority is raised to <see cref="Priority"/> (when
/// set and higher).
/// </summary>
public sealed class RoutingRuleOptions
{
    public string? Name { get; set; }
    public List<string> Channels { get; set; } = [];
    public List<string> SubjectWords { get; set; } = [];
    public bool? HasOrder { get; set; }
    public List<string> Tiers { get; set; } = [];
    public string Queue { get; set; } = TicketQueues.Support;
    public string? Skill { get; set; }
    /// <summary>The least priority a ticket the rule matches gets (e.g. high for the best tier's customers).</summary>
    public string? Priority { get; set; }
}

/// <summary>Refuses at start a rule naming an unknown queue or channel, or a bad capacity, naming the setting.</summary>
public sealed class RoutingOptionsValidation : Microsoft.Extensions.Options.IValidateOptions<RoutingOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        var failures = new List<string>();
        if (options.DefaultCapacity < 0)
            failures.Add($"{RoutingOptions.Section}:DefaultCapacity must not be negative.");
        foreach (var key in options.Queues.Keys.Where(k => !TicketRules.IsQueueKey(k)))
            failures.Add($"{RoutingOptions.Section}:Queues: '{key}' is not a queue key (1 to 50 lower-case letters, digits, '-' or '_').");
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            if (!options.IsQueue(rule.Queue))
                failures.Add($"{RoutingOptions.Section}:Rules:{i}:Queue: '{rule.Queue}' is not one of the queues.");
            foreach (var channel in rule.Channels.Where(c => !TicketChannels.All.Contains(c)))
                failures.Add($"{RoutingOptions.Section}:Rules:{i}:Channels: '{channel}' is not a channel.");
            if (rule.Priority is { } priority && !TicketPriorities.All.Contains(priority))
                failures.Add($"{RoutingOptions.Section}:Rules:{i}:Priority: '{priority}' is not one of {string.Join(", ", TicketPriorities.All)}.");
        }
        return failures.Count > 0
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(failures)
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
    }
}
