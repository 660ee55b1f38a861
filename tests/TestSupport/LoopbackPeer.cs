using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace CustomerPlatform.TestSupport;

/// <summary>
/// The test server has no socket, hence no peer address; the gateway's is loopback, which ServiceDefaults trusts to forward
/// the client's address. With this filter a test's <c>X-Forwarded-For</c> is the client's address, as the gateway sends it.
/// </summary>
public sealed class LoopbackPeer : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
            return nextMiddleware(context);
        });
        next(app);
    };
}
