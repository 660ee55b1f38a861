using System.Text.RegularExpressions;

namespace CustomerPlatform.Ticketing.Macros;

/// <summary>
/// A macro's text with placeholders, as Zendesk writes them: <c>{{customer.name}}</c>, <c>{{customer.first_name}}</c>,
/// <c>{{ticket.number}}</c>, <c>{{ticket.subject}}</c>, <c>{{order.number}}</c>, <c>{{agent.name}}</c>,
/// <c>{{agent.first_name}}</c>. An unknown placeholder is refused when the macro is saved; one without a value on the
/// ticket (no order) refuses the macro on that ticket rather than sending a sentence with a hole in it.
/// </summary>
public static partial class MacroText
{
    public static readonly IReadOnlyList<string> Placeholders =
        ["customer.name", "customer.first_name", "ticket.number", "ticket.subject", "order.number", "agent.name", "agent.first_name"];

    [GeneratedRegex(@"\{\{\s*([A-Za-z_.]+)\s*\}\}")]
    private static partial Regex Placeholder();

    /// <summary>The placeholders the text uses that are not known, in order of appearance.</summary>
    public static IReadOnlyList<string> Unknown(string text) =>
        [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value).Where(name => !Placeholders.Contains(name)).Distinct()];

    /// <summary>The text with each placeholder replaced; null with <paramref name="missing"/> naming the first that has no value.</summary>
    public static string? Render(string text, IReadOnlyDictionary<string, string?> values, out string? missing)
    {
        string? lacking = null;
        var rendered = Placeholder().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            if (values.GetValueOrDefault(name) is { Length: > 0 } value)
                return value;
            lacking ??= name;
            return match.Value;
        });
        missing = lacking;
        return lacking is null ? rendered : null;
    }

    /// <summary>The values a ticket gives the placeholders, for the agent applying the macro.</summary>
    public static Dictionary<string, string?> ValuesFor(Ticket ticket, string? agentName) => new(StringComparer.Ordinal)
    {
        ["customer.name"] = ticket.CustomerName,
        ["customer.first_name"] = FirstName(ticket.CustomerName),
        ["ticket.number"] = ticket.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ticket.subject"] = ticket.Subject,
        ["order.number"] = ticket.OrderId,
        ["agent.name"] = agentName,
        ["agent.first_name"] = FirstName(agentName),
    };

    private static string? FirstName(string? name) => name?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
}
