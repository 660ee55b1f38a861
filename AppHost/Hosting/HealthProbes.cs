using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace CustomerPlatform.AppHost.Hosting;

/// <summary>The checks behind the Healthy/Unhealthy column: an HTTP 200, or a TCP port that accepts.</summary>
internal static class HealthProbes
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };

    public static async Task<bool> HttpOkAsync(string url, CancellationToken cancellationToken, (string User, string Password)? basicAuth = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (basicAuth is var (user, password))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        try
        {
            using var response = await Http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public static async Task<bool> TcpAcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
