using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace CustomerPlatform.Web;

/// <summary>
/// The gateway's public API as the app calls it: same origin, the session cookie (which the page cannot
/// read) identifying the user, and the anti-forgery header on every request.
/// </summary>
/// <remarks>
/// A page is first rendered on the gateway (prerendering), where its reads go to the API with the
/// session's token; the answers travel in the page (persistent component state), and the same component,
/// starting in the browser, takes each one once instead of asking again, so the page neither flickers nor
/// repeats its requests. Answers older than <see cref="PrerenderedKept"/> are asked for afresh.
/// </remarks>
public sealed class PlatformApi : IDisposable
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string StateKey = "platform-api";
    private static readonly TimeSpan PrerenderedKept = TimeSpan.FromSeconds(15);

    private readonly HttpClient _http;
    private readonly Dictionary<string, Answer>? _recorded;
    private Dictionary<string, Answer>? _prerendered;
    private readonly long _restoredAt = Environment.TickCount64;
    private readonly PersistingComponentStateSubscription _persisting;

    public PlatformApi(HttpClient http, PersistentComponentState state)
    {
        _http = http;
        if (!OperatingSystem.IsBrowser())
        {
            // Prerendering: what the page read goes into it, for the browser's first render.
            _recorded = [];
            _persisting = state.RegisterOnPersisting(() =>
            {
                lock (_recorded)
                    state.PersistAsJson(StateKey, _recorded);
                return Task.CompletedTask;
            }, RenderMode.InteractiveWebAssembly);
        }
        else if (state.TryTakeFromJson<Dictionary<string, Answer>>(StateKey, out var prerendered))
        {
            _prerendered = prerendered;
        }
    }

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<ApiResult<T>> PostAsync<T>(string path, object? body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) }, cancellationToken);

    public Task<ApiResult<T>> PutAsync<T>(string path, object? body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Put, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) }, cancellationToken);

    public Task<ApiResult<T>> PatchAsync<T>(string path, object? body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Patch, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) }, cancellationToken);

    public Task<ApiResult<T>> DeleteAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Delete, path), cancellationToken);

    private async Task<ApiResult<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var read = request.Method == HttpMethod.Get;
        var path = request.RequestUri!.OriginalString;
        if (!read && _recorded is not null)
            throw new InvalidOperationException($"{request.Method} {path} while prerendering: opening a page must change nothing.");
        Answer? answer = null;
        using (request)
        {
            if (read && _prerendered is not null)
            {
                if (TimeSpan.FromMilliseconds(Environment.TickCount64 - _restoredAt) >= PrerenderedKept)
                    _prerendered = null; // all too old now: let them go
                else if (_prerendered.Remove(path, out var prerendered))
                    answer = prerendered;
            }

            if (answer is null)
            {
                try
                {
                    using var response = await _http.SendAsync(request, cancellationToken);
                    answer = new((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType,
                        await response.Content.ReadAsStringAsync(cancellationToken));
                }
                catch (HttpRequestException)
                {
                    return new(default, HttpStatusCode.ServiceUnavailable, new Problem { Title = "The platform cannot be reached. Check your connection and try again." });
                }

                if (read && _recorded is not null)
                {
                    lock (_recorded)
                        _recorded[path] = answer;
                }
            }
        }

        return Read<T>(answer);
    }

    private static ApiResult<T> Read<T>(Answer answer)
    {
        var status = (HttpStatusCode)answer.Status;
        if (answer.Status is >= 200 and < 300)
        {
            var value = status == HttpStatusCode.NoContent || string.IsNullOrEmpty(answer.Body) || typeof(T) == typeof(NoContent)
                ? default
                : JsonSerializer.Deserialize<T>(answer.Body, Json);
            return new(value, status, null);
        }

        Problem? problem = null;
        if (answer.ContentType is "application/problem+json" or "application/json" && !string.IsNullOrEmpty(answer.Body))
        {
            try { problem = JsonSerializer.Deserialize<Problem>(answer.Body, Json); }
            catch (JsonException) { }
        }

        return new(default, status, problem ?? new Problem { Title = Describe(status) });
    }

    private static string Describe(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "Please sign in.",
        HttpStatusCode.Forbidden => "You may not do that.",
        HttpStatusCode.NotFound => "Not found.",
        HttpStatusCode.TooManyRequests => "Too many attempts. Wait a moment and try again.",
        _ => "Something went wrong. Try again in a moment.",
    };

    public void Dispose() => _persisting.Dispose();

    /// <summary>An API answer as it came: kept whole so that the browser can read it as the page would have.</summary>
    public sealed record Answer(int Status, string? ContentType, string? Body);
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

    /// <summary>The problem's other members (its extensions), such as the id of what a conflict is about.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; init; }

    /// <summary>An extension that is a GUID (such as <c>chatId</c>), or null.</summary>
    public Guid? GuidExtension(string name) =>
        Extensions?.FirstOrDefault(e => string.Equals(e.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } value
        && value.TryGetGuid(out var id) ? id : null;

    [JsonIgnore]
    public string Message => Detail ?? Title ?? "Something went wrong.";
}

/// <summary>Adds the anti-forgery header the gateway asks of every state-changing request in a session.</summary>
public sealed class CsrfHeaderHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation("X-CSRF", "1");
        return base.SendAsync(request, cancellationToken);
    }
}

public static class PlatformApiExtensions
{
    /// <param name="client">The client the API is reached with: the page's origin in the browser, the gateway itself when prerendering.</param>
    public static IServiceCollection AddPlatformApi(this IServiceCollection services, Func<IServiceProvider, HttpClient> client)
    {
        services.AddScoped(provider => new PlatformApi(client(provider), provider.GetRequiredService<PersistentComponentState>()));
        services.AddScoped<Session>();
        services.AddScoped<Inbox>();
        services.AddScoped<HelpCentreSession>();
        return services;
    }
}
