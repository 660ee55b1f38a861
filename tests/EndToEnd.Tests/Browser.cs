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

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
            await Chromium.DisposeAsync();
        _playwright?.Dispose();
    }
}
