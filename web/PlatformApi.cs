using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerPlatform.Web;

/// <summary>
/// The gateway's public API as the app calls it: same origin, the session cookie (which the page cannot
/// read) identifying the user, and the anti-forgery header on every request.
/// </summary>
public sealed class PlatformApi(HttpClient http)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<ApiResult<T>> PostAsync<T>(string path, object? body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) }, cancellationToken);

    public Task<ApiResult<T>> PutAsync<T>(string path, object? body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Put, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) }, cancellationToken);

    public Task<ApiResult<T>> DeleteAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Delete, path), cancellationToken);

    private async Task<ApiResult<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException)
            {
                return new(default, HttpStatusCode.ServiceUnavailable, new Problem { Title = "The platform cannot be reached. Check your connection and try again." });
            }

            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    var value = response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0 || typeof(T) == typeof(NoContent)
                        ? default
                        : await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
                    return new(value, response.StatusCode, null);
                }

                Problem? problem = null;
                if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
                {
                    try { problem = await response.Content.ReadFromJsonAsync<Problem>(Json, cancellationToken); }
                    catch (JsonException) { }
                }

                return new(default, response.StatusCode, problem ?? new Problem { Title = Describe(response.StatusCode) });
            }
        }
    }

    private static string Describe(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "Please sign in.",
        HttpStatusCode.Forbidden => "You may not do that.",
        HttpStatusCode.NotFound => "Not found.",
        HttpStatusCode.TooManyRequests => "Too many attempts. Wait a moment and try again.",
        _ => "Something went wrong. Try again in a moment.",
    };
}

/// <summary>A response with no body worth reading.</summary>
public sealed record NoContent;

public sealed record ApiResult<T>(T? Value, HttpStatusCode Status, Problem? Problem)
{
    public bool Ok => Problem is null;

    /// <summary>The server's messages for one field (its JSON name), or none.</summary>
    public IReadOnlyList<string> ErrorsFor(string field) =>
        Problem?.Errors?.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value ?? [];

    /// <summary>What to show beside a form's one field: its messages, else the problem's own, else nothing.</summary>
    public IReadOnlyList<string> MessagesFor(string field) =>
        Ok ? [] : ErrorsFor(field) is { Count: > 0 } errors ? errors : [Problem!.Message];
}

/// <summary>An RFC 9457 problem, with the field errors of a validation problem.</summary>
public sealed class Problem
{
    public string? Title { get; init; }
    public string? Detail { get; init; }
    public Dictionary<string, string[]>? Errors { get; init; }

    [JsonIgnore]
    public string Message => Detail ?? Title ?? "Something went wrong.";
}

/// <summary>Adds the anti-forgery header the gateway asks of every state-changing request in a session.</summary>
internal sealed class CsrfHeaderHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation("X-CSRF", "1");
        return base.SendAsync(request, cancellationToken);
    }
}

public static class PlatformApiExtensions
{
    public static IServiceCollection AddPlatformApi(this IServiceCollection services, string baseAddress)
    {
        services.AddScoped(_ => new HttpClient(new CsrfHeaderHandler { InnerHandler = new HttpClientHandler() }) { BaseAddress = new Uri(baseAddress) });
        services.AddScoped<PlatformApi>();
        services.AddScoped<Session>();
        services.AddScoped<Inbox>();
        return services;
    }
}
