using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Identity;

/// <summary>
/// Reads a JSON body without minimal APIs' binding, whose failures answer a bare 400: here a body
/// that is missing, not JSON, or has a field of the wrong type becomes a field error naming it
/// (<c>{"email": 5}</c> names <c>email</c>), which the handler returns as problem details.
/// </summary>
public static class RequestBody
{
    public const string BodyField = "body";

    public static async Task<(T? Value, ValidationErrors? Errors)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
            return (null, ValidationErrors.For(BodyField, "The body must be a JSON object (Content-Type: application/json)."));

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, cancellationToken);
            return value is null
                ? (null, ValidationErrors.For(BodyField, "The body must be a JSON object."))
                : (value, null);
        }
        catch (JsonException exception)
        {
            return (null, ValidationErrors.For(FieldOf(exception.Path), "This is not valid JSON of the expected type."));
        }
    }

    // "$.email" names email; "$" or nothing (broken JSON) names the body.
    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
            return BodyField;
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        var end = field.IndexOfAny(['.', '[']);
        return end > 0 ? field[..end] : field.Trim('[', ']', '\'');
    }
}
