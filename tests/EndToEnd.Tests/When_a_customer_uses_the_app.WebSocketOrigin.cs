using System.Net;
using System.Net.WebSockets;

namespace CustomerPlatform.EndToEnd.Tests;

public sealed partial class When_a_customer_uses_the_app
{
    /// <summary>
    /// A browser opens a WebSocket from any site with the session's cookie and cannot add the anti-forgery header: the gateway
    /// puts the session on a WebSocket only when its Origin is the app's own (ADR-031).
    /// </summary>
    [Fact]
    public async Task Should_open_the_chat_hub_in_the_session_only_from_the_apps_own_pages()
    {
        await SignedInCustomerAsync("Wes Socket");
        var cookie = string.Join("; ", (await _context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));
        var gateway = platform.Gateway.BaseAddress!;
        var hub = new UriBuilder(new Uri(gateway, "/api/support/chats/hub")) { Scheme = gateway.Scheme == "https" ? "wss" : "ws" }.Uri;

        Assert.Equal(HttpStatusCode.Forbidden, await OpenAsync(hub, cookie, "https://elsewhere.example"));
        Assert.Equal(HttpStatusCode.Forbidden, await OpenAsync(hub, cookie, origin: null));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await OpenAsync(hub, cookie, gateway.GetLeftPart(UriPartial.Authority)));
    }

    /// <summary>The status the gateway answered a WebSocket to the hub with, opened with the cookie from <paramref name="origin"/>.</summary>
    private static async Task<HttpStatusCode> OpenAsync(Uri hub, string cookie, string? origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Cookie", cookie);
        if (origin is not null)
            socket.Options.SetRequestHeader("Origin", origin);
        try
        {
            await socket.ConnectAsync(hub, CancellationToken.None);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }
        return socket.HttpStatusCode;
    }
}
