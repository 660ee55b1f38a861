using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.ServiceDefaults;

/// <summary>
/// Reads a JSON request body without minimal APIs' binding, whose failures answer a bare 400 (or a 415):
/// a body that is missing, not JSON, or has a value of the wrong type becomes a field error naming
/// where it broke (<c>{"email": 5}</c> names <c>email</c>, a bad nested value <c>categories[1].email</c>),
/// which the handler returns as problem details before it writes anything.
/// </summary>
public static class JsonRequestBody
{
    /// <summary>The field named when the body as a whole is wrong.</summary>
    public const string BodyField = "body";

    public static async Task<(T? Value, Dictionary<string, string[]>? Errors)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
            return (null, Error(BodyField, "The body must be a JSON object (Content-Type: application/json)."));

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, cancellationToken);
            return value is null ? (null, Error(BodyField, "The body must be a JSON object.")) : (value, null);
        }
        catch (JsonException exception)
        {
            var field = FieldOf(exception.Path);
            return (null, Error(field, $"'{field}' is not valid JSON of the expected type."));
        }
    }

    /// <summary>
    /// A body the route may go without (a POST that only acts): none at all reads as <paramref name="none"/>; one that
    /// is sent is read and checked as <see cref="ReadAsync{T}"/> does.
    /// </summary>
    public static Task<(T? Value, Dictionary<string, string[]>? Errors)> ReadOptionalAsync<T>(HttpRequest request, T none, CancellationToken cancellationToken)
        where T : class =>
        request.ContentLength is > 0 || request.HasJsonContentType() ? ReadAsync<T>(request, cancellationToken) : Task.FromResult<(T?, Dictionary<string, string[]>?)>((none, null));

    // "$.categories[1].email" names categories[1].email; "$" or nothing (broken JSON) names the body.
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? BodyField : path.TrimStart('$', '.');

    private static Dictionary<string, string[]> Error(string field, string message) => new(StringComparer.Ordinal) { [field] = [message] };
}
