using System.Net;
using Microsoft.Extensions.ServiceDiscovery;

namespace CustomerPlatform.Gateway;

/// <summary>Turns a discovered endpoint of a service back into an address to send requests to.</summary>
internal static class ServiceEndpointAddress
{
    // "https+http://identity" means "https if the service has it, else http"; discovery has
    // already made that choice when an endpoint is a full URI, otherwise fall back to http.
    public static Uri ToUri(ServiceEndpoint endpoint, Uri service)
    {
        if (endpoint.EndPoint is UriEndPoint uri)
            return uri.Uri;

        var scheme = service.Scheme.Contains('+') ? service.Scheme[(service.Scheme.LastIndexOf('+') + 1)..] : service.Scheme;
        return endpoint.EndPoint switch
        {
            IPEndPoint ip => new Uri($"{scheme}://{ip}"),
            DnsEndPoint { Port: > 0 } dns => new Uri($"{scheme}://{dns.Host}:{dns.Port}"),
            DnsEndPoint dns => new Uri($"{scheme}://{dns.Host}"),
            var other => throw new NotSupportedException($"Cannot address the endpoint {other} of {service}."),
        };
    }
}
