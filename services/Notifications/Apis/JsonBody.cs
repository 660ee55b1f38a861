using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Notifications;

/// <summary>
/// Reads a request body as JSON itself, so a malformed body gets a 400 naming the field that broke it
/// (minimal APIs' own binding answers a bare 400).
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, Dictionary<string, string[]>? Errors)> ReadAsync<T>(HttpRequest request, IOptions<JsonOptions> json)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, json.Value.SerializerOptions, request.HttpContext.RequestAborted);
            return value is null ? (null, Error("body", "A JSON object is required.")) : (value, null);
        }
        catch (JsonException exception)
        {
            var field = exception.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body";
            return (null, Error(field, $"'{field}' is malformed or of the wrong type."));
        }
    }

    private static Dictionary<string, string[]> Error(string field, string message) => new() { [field] = [message] };
}
