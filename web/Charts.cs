using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPlatform.Web;

/// <summary>What the pages with charts need and the others never download (ADR-022).</summary>
public static class Charts
{
    /// <summary>
    /// The lazily loaded assemblies, as the project file marks them (<c>BlazorWebAssemblyLazyLoad</c>): asking for one
    /// it does not mark throws. A trimmed publish ships the chart assembly alone (the others are references its charts
    /// never use, and the trimmer drops them).
    /// </summary>
    public static readonly string[] Assemblies = [
        "Radzen.Blazor.wasm",
#if CHART_DEPENDENCIES_SHIPPED
        "Microsoft.Extensions.AI.wasm", "Microsoft.Extensions.AI.Abstractions.wasm",
        "Microsoft.Extensions.Caching.Abstractions.wasm", "System.Numerics.Tensors.wasm",
#endif
    ];

    /// <summary>The component's script: charts measure themselves and follow the pointer with it.</summary>
    public const string Script = "/_content/Radzen.Blazor/Radzen.Blazor.min.js";

    /// <summary>The component's theme, linked by the pages that draw charts.</summary>
    public const string Theme = "/_content/Radzen.Blazor/css/default-base.css";

    /// <summary>
    /// The services the charts inject (<c>RadzenChart</c>'s tooltips), by name: a registration by type would load
    /// the chart assembly as the app starts, before it is downloaded. <see cref="LateServicesFactory"/> makes them.
    /// </summary>
    public static readonly string[] Services = [TooltipService];

    /// <summary>Radzen's tooltip service, which <c>RadzenChart</c> injects.</summary>
    public const string TooltipService = "Radzen.TooltipService";

    /// <summary>Whether a page path (relative, without a leading slash) draws charts.</summary>
    public static bool Needed(string path) =>
        path.StartsWith("staff/analytics", StringComparison.OrdinalIgnoreCase) || path.StartsWith("staff/support-reports", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The app's service provider, plus <see cref="Charts.Services"/>: asked for one of them (only once its assembly is
/// loaded, since the type is in it), a scope makes it from its own services and keeps it, as a scoped registration would.
/// </summary>
public sealed class LateServicesFactory : IServiceProviderFactory<IServiceCollection>
{
    public IServiceCollection CreateBuilder(IServiceCollection services) => services;

    public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder) =>
        new LateServices(containerBuilder.BuildServiceProvider());

    private sealed class LateServices(IServiceProvider inner) : IServiceProvider, IServiceScopeFactory, IServiceScope, IAsyncDisposable
    {
        private readonly ConcurrentDictionary<Type, object> _made = new();

        public IServiceProvider ServiceProvider => this;

        // The trimmer keeps what only this reflection reaches (a trimmed publish dropped TooltipService's constructor).
        [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, Charts.TooltipService, "Radzen.Blazor")]
        public object? GetService(Type serviceType)
        {
            if (serviceType == typeof(IServiceScopeFactory) || serviceType == typeof(IServiceProvider))
                return this;
            return inner.GetService(serviceType)
                ?? (Array.IndexOf(Charts.Services, serviceType.FullName) >= 0
                    ? _made.GetOrAdd(serviceType, type => ActivatorUtilities.CreateInstance(this, type))
                    : null);
        }

        public IServiceScope CreateScope() => new LateServices(inner.CreateScope().ServiceProvider);

        public void Dispose()
        {
            foreach (var made in _made.Values)
                (made as IDisposable)?.Dispose();
            (inner as IDisposable)?.Dispose();
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var made in _made.Values)
                (made as IDisposable)?.Dispose();
            if (inner is IAsyncDisposable asyncDisposable)
                await asyncDisposable.DisposeAsync();
            else
                (inner as IDisposable)?.Dispose();
        }
    }
}
