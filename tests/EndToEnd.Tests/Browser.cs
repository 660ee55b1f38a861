using System.Text.Json;
using CustomerPlatform.AppHost.Resources;
using Microsoft.Playwright;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>Debian's Chromium driven by Playwright, headless, one per test class.</summary>
public sealed class Browser : IAsyncLifetime
{
    /// <summary>Where the set-up installs Chromium (Playwright cannot download its own browsers here).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright _playwright = null!;

    public IBrowser Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox"], // root in CI
        });
    }

    /// <summary>A fresh browser profile (cookies, storage) on the gateway's origin.</summary>
    public Task<IBrowserContext> NewContextAsync(Uri gateway, int width = 1280, int height = 800) =>
        Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = gateway.ToString().TrimEnd('/'), ViewportSize = new ViewportSize { Width = width, Height = height } });

    private static readonly Lazy<string> AxeSource = new(() =>
    {
        var path = Path.Combine(RepositoryLayout.Root, ".tools", "axe", "node_modules", "axe-core", "axe.min.js");
        Assert.True(File.Exists(path), $"axe-core is not installed at {path}: eng/prerequisites.sh installs it (./test.sh runs it).");
        return File.ReadAllText(path);
    });

    /// <summary>
    /// Runs axe-core on the page as it is now and fails on any serious or critical violation (WCAG 2.x A and
    /// AA rules and axe's best practices), naming each rule and the elements it found. axe is evaluated
    /// through the DevTools protocol, which the page's Content-Security-Policy does not govern.
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page, string what)
    {
        await page.EvaluateAsync(AxeSource.Value);
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(', ')}`)
            """);
        var found = violations.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(found.Count == 0, $"{what} ({page.Url}) has accessibility violations:\n" + string.Join("\n", found));
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
            await Chromium.DisposeAsync();
        _playwright?.Dispose();
    }
}

public static class AppPages
{
    /// <summary>
    /// Waits until the app has taken the page over in the browser. The gateway prerenders every page, so its
    /// content shows at once, but its buttons and forms act only once WebAssembly has started (the layout
    /// then marks <c>main</c> with <c>data-interactive</c>): text typed or a click before that is lost.
    /// </summary>
    public static Task WaitForAppAsync(this IPage page) =>
        page.Locator("main[data-interactive]").WaitForAsync(new() { Timeout = 60_000 });
}
