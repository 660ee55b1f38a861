namespace CustomerPlatform.Notifications.Tests;

/// <summary>An email as MailDev's REST API returns it (<c>GET /api/email</c>).</summary>
public sealed record MailDevEmail(
    string Id,
    string? Subject,
    string? Text,
    string? Html,
    IReadOnlyList<MailDevAddress> From,
    IReadOnlyList<MailDevAddress> To,
    Dictionary<string, System.Text.Json.JsonElement> Headers)
{
    public string? Header(string name) =>
        Headers.TryGetValue(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : null;
}
