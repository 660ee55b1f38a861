using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CustomerPlatform.Testing;

/// <summary>One signed-in user calling the gateway: every request carries their access token.</summary>
public sealed class ApiSession(HttpClient gateway, string accessToken, string email)
{
    public string Email { get; } = email;

    public string AccessToken { get; } = accessToken;

    public HttpClient Gateway { get; } = gateway;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return await Gateway.SendAsync(request, cancellationToken);
    }

    /// <summary>Sends and demands <paramref name="expected"/>; answers the body as JSON (an empty body as <c>default</c>).</summary>
    public async Task<JsonElement> ExpectAsync(HttpStatusCode expected, HttpMethod method, string path, object? body = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(method, path, body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != expected)
            throw new UnexpectedResponseException($"{method} {path} as {Email} answered {(int)response.StatusCode}, expected {(int)expected}: {text}", response.StatusCode);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken = default) =>
        ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, path, cancellationToken: cancellationToken);

    public async Task<HttpStatusCode> StatusOfAsync(HttpMethod method, string path, object? body = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(method, path, body, cancellationToken);
        return response.StatusCode;
    }
}
