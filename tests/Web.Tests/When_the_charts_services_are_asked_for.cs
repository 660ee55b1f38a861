using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPlatform.Web.Tests;

/// <summary>
/// The chart component's services are registered by name, not type (its assembly is downloaded only for the pages
/// with charts): the app's provider makes them when asked, one per scope, as a scoped registration would.
/// </summary>
public sealed class When_the_charts_services_are_asked_for
{
    private static IServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddScoped<NavigationManager, TestNavigation>();
        services.AddScoped<Marker>();
        var factory = new LateServicesFactory();
        return factory.CreateServiceProvider(factory.CreateBuilder(services));
    }

    [Fact]
    public async Task Should_make_the_tooltip_service_once_per_scope_and_keep_the_registered_ones()
    {
        var root = Build();
        await using var first = root.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        await using var second = root.CreateAsyncScope();

        var tooltips = first.ServiceProvider.GetRequiredService<Radzen.TooltipService>();
        Assert.Same(tooltips, first.ServiceProvider.GetRequiredService<Radzen.TooltipService>());
        Assert.NotSame(tooltips, second.ServiceProvider.GetRequiredService<Radzen.TooltipService>());

        // The scope's own services come from the scope; what a scope hands out as its provider is itself.
        Assert.Same(first.ServiceProvider.GetRequiredService<Marker>(), first.ServiceProvider.GetRequiredService<Marker>());
        Assert.NotSame(first.ServiceProvider.GetRequiredService<Marker>(), second.ServiceProvider.GetRequiredService<Marker>());
        Assert.Same(first.ServiceProvider, first.ServiceProvider.GetRequiredService<IServiceProvider>());
        Assert.Null(first.ServiceProvider.GetService(typeof(Uri)));
    }

    private sealed class Marker;

    private sealed class TestNavigation : NavigationManager
    {
        public TestNavigation() => Initialize("http://localhost/", "http://localhost/");
    }
}
