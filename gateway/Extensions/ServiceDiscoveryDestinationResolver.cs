using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace CustomerPlatform.Gateway;

/// <summary>
/// Expands each destination whose address names a service (<c>http://identity</c>) into one
/// destination per replica, as configured under <c>services:identity:http:0..n</c>. YARP asks again
/// when the returned change token fires, so replicas added or moved are picked up.
/// </summary>
internal sealed class ServiceDiscoveryDestinationResolver(ServiceEndpointResolver resolver) : IDestinationResolver
{
    public async ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(
        IReadOnlyDictionary<string, DestinationConfig> destinations,
        CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, DestinationConfig>();
        var changeTokens = new List<IChangeToken>();

        foreach (var (name, destination) in destinations)
        {
            var service = new Uri(destination.Address);
            var source = await resolver.GetEndpointsAsync(service.GetLeftPart(UriPartial.Authority), cancellationToken);
            changeTokens.Add(source.ChangeToken);

            foreach (var endpoint in source.Endpoints)
            {
                var address = ServiceEndpointAddress.ToUri(endpoint, service);
                resolved[$"{name}[{address}]"] = destination with { Address = address.ToString() };
            }
        }

        return new ResolvedDestinationCollection(resolved, new CompositeChangeToken(changeTokens));
    }
}
