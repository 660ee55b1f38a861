using System.Net;
using System.Net.Http.Headers;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>
/// One signed-in route of every service that has one (Loyalty has none yet), each called through the
/// gateway and at the service directly (as a caller inside the network would): where a test checks
/// that a token is accepted, or refused, everywhere.
/// </summary>
public sealed class SignedInRoutes(DistributedApplication app, HttpClient gateway) : IDisposable
{
    private static readonly (string Service, string Path)[] Routes =
    [
        (ResourceNames.Services.Identity, "/api/identity/me"),
        (ResourceNames.Services.Onboarding, "/api/onboarding/tour"),
        (ResourceNames.Services.Training, "/api/training/courses"),
        (ResourceNames.Services.Ticketing, "/api/support/tickets"),
        (ResourceNames.Services.Notifications, "/api/notifications"),
        (ResourceNames.Services.Customers, "/api/customers/me/orders"),
    ];

    private readonly Dictionary<string, HttpClient> _direct = [];

    public IEnumerable<(string Where, HttpClient Client, string Path)> Targets()
    {
        foreach (var (service, path) in Routes)
        {
            yield return ("gateway", gateway, path);
            if (!_direct.TryGetValue(service, out var client))
                _direct[service] = client = new HttpClient { BaseAddress = app.GetEndpoint(service, "http") };
            yield return (service, client, path);
        }
    }

    public static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    public void Dispose()
    {
        foreach (var client in _direct.Values)
            client.Dispose();
    }
}
