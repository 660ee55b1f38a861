using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace CustomerPlatform.Gateway.Components;

/// <summary>
/// The page's import map (the app's JavaScript modules by their fingerprinted names, with their integrity),
/// allowed by its hash in the Content-Security-Policy: an import map is an inline script, and the policy
/// allows no other. Without it the browser would load <c>_framework/dotnet.js</c> by its plain name, and
/// the fingerprinted copy the page preloads would go unused.
/// </summary>
public sealed class HashedImportMap : ComponentBase
{
    private static readonly ConditionalWeakTable<ResourceAssetCollection, ImportMapScript> Scripts = new();

    [CascadingParameter]
    public HttpContext? HttpContext { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        var script = Scripts.GetValue(Assets, assets => ImportMapScript.For(assets));
        if (HttpContext is not null)
            SecurityHeaders.AllowScript(HttpContext, script.Hash);
        builder.OpenElement(0, "script");
        builder.AddAttribute(1, "type", "importmap");
        builder.AddMarkupContent(2, script.Json);
        builder.CloseElement();
    }

    private sealed record ImportMapScript(string Json, string Hash)
    {
        public static ImportMapScript For(ResourceAssetCollection assets)
        {
            var json = ImportMapDefinition.FromResourceCollection(assets).ToString();
            return new(json, "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(json))) + "'");
        }
    }
}
