using System.Net;
using System.Text.RegularExpressions;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;
using Microsoft.Playwright;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>
/// Issue 18's first-purchase pop-up in a real browser: a plain page on the store's own origin (the test plays the storefront
/// at <see cref="PlatformFixture.StorefrontOrigin"/>) embeds <c>/loyalty/widget.js</c> from the gateway; the pop-up is
/// accessible and works by keyboard; the capture crosses origins under CORS; the address gets one code by email from
/// MailDev, which the store then uses once through the gateway.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class When_a_shopper_uses_the_storefront_pop_up(PlatformFixture platform, Browser browser) : IClassFixture<Browser>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    /// <summary>What the pages said (console, errors, failed requests): in the message of a failed expectation.</summary>
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _said = new();

    [GeneratedRegex(@"\b[A-HJ-NP-Z2-9]{12}\b")]
    private static partial Regex CodePattern();

    /// <summary>The store's page, served on the storefront's origin while the test runs.</summary>
    private sealed class Storefront : IDisposable
    {
        private readonly HttpListener _listener = new();

        public Storefront(string page)
        {
            _listener.Prefixes.Add(PlatformFixture.StorefrontOrigin + "/");
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }
                    var body = System.Text.Encoding.UTF8.GetBytes(page);
                    context.Response.ContentType = "text/html; charset=utf-8";
                    context.Response.ContentLength64 = body.Length;
                    await context.Response.OutputStream.WriteAsync(body);
                    context.Response.Close();
                }
            });
        }

        public void Dispose() => _listener.Close();
    }

    private string StorePage()
    {
        var gateway = platform.Gateway.BaseAddress!.GetLeftPart(UriPartial.Authority);
        return $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>The test shop</title></head>
            <body><main><h1>The test shop</h1><p>Garden hoses and good books.</p><a href="/basket">Basket</a></main>
            <script src="{gateway}/loyalty/widget.js" data-delay="0" async></script></body></html>
            """;
    }

    private async Task<IPage> StorefrontAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        page.Console += (_, message) => _said.Enqueue($"console {message.Type}: {message.Text}");
        page.PageError += (_, error) => _said.Enqueue($"page error: {error}");
        page.RequestFailed += (_, request) => _said.Enqueue($"request failed: {request.Url} {request.Failure}");
        var script = page.WaitForResponseAsync(response => response.Url.EndsWith("/loyalty/widget.js", StringComparison.Ordinal),
            new() { Timeout = 20_000 });
        // A product page with a long address: the pop-up reports the page as its source, cut to what the route takes.
        await page.GotoAsync(PlatformFixture.StorefrontOrigin + "/products/garden/" + new string('h', 250));
        try
        {
            Assert.True((await script).Ok, "the pop-up's script: " + (await script).Status);
        }
        catch (TimeoutException e)
        {
            throw new Xunit.Sdk.XunitException(e.Message + "\nThe page said:\n" + string.Join("\n", _said) + "\n" + await page.ContentAsync());
        }
        return page;
    }

    [Fact]
    public async Task Should_capture_an_address_by_keyboard_across_origins_and_mail_one_code_the_store_uses_once()
    {
        using var storefront = new Storefront(StorePage());
        await using var context = await browser.Chromium.NewContextAsync();
        context.SetDefaultTimeout(60_000);
        var page = await StorefrontAsync(context);
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "10 % off your first order" });
        try
        {
            await Assertions.Expect(dialog).ToBeVisibleAsync(new() { Timeout = 15_000 });
        }
        catch (PlaywrightException e)
        {
            throw new Xunit.Sdk.XunitException(e.Message + "\nThe page said:\n" + string.Join("\n", _said));
        }
        var email = page.GetByRole(AriaRole.Textbox, new() { Name = "Email", Exact = true });
        await Assertions.Expect(email).ToBeFocusedAsync();
        await Browser.AssertAccessibleAsync(page, "the storefront with the pop-up open");

        // Without consent, nothing is sent and the pop-up says why.
        var address = $"popup-{Guid.NewGuid():N}@example.com";
        await email.FillAsync(address);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("tick the box");
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox)).ToBeFocusedAsync();

        // By keyboard only: tick the box, Tab to the button, send; the request crosses origins under CORS.
        var capture = page.WaitForResponseAsync(response => response.Url.EndsWith("/api/loyalty/captures", StringComparison.Ordinal) && response.Request.Method == "POST");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send me my code" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal((int)HttpStatusCode.Accepted, (await capture).Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("on its way");
        await Browser.AssertAccessibleAsync(page, "the pop-up after the capture");

        // Escape closes it, and it stays closed on the next page of the shop.
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await page.WaitForTimeoutAsync(1_000);
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));
        var sent = Assert.Single(await mail.WaitForAsync(address, found => found.Count >= 1, Wait));
        Assert.Contains("10 % code for your first order", sent.GetProperty("subject").GetString());
        var code = CodePattern().Match(Accounts.Text(sent)).Value;
        Assert.NotEmpty(code);

        // The same address again, from a fresh browser: accepted, and no second code.
        await using var second = await browser.Chromium.NewContextAsync();
        var again = await StorefrontAsync(second);
        await again.GetByRole(AriaRole.Textbox, new() { Name = "Email", Exact = true }).FillAsync(address.ToUpperInvariant());
        await again.GetByRole(AriaRole.Checkbox).CheckAsync();
        await again.GetByRole(AriaRole.Button, new() { Name = "Send me my code" }).ClickAsync();
        await Assertions.Expect(again.GetByRole(AriaRole.Status)).ToContainTextAsync("on its way");

        var store = await Accounts.StoreSignInAsync(platform.Gateway, StaffAccounts.Store);
        var orderId = "POP-" + Guid.NewGuid().ToString("N")[..12];
        var used = await store.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/loyalty/codes/{code}/redemptions",
            new { orderId, customerEmail = address, orderTotal = 42.50m });
        Assert.Equal(10m, used.GetProperty("value").GetDecimal());
        Assert.Equal(HttpStatusCode.Conflict, await store.StatusOfAsync(HttpMethod.Post, $"/api/loyalty/codes/{code}/redemptions",
            new { orderId = orderId + "-2", customerEmail = address, orderTotal = 42.50m }));

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(await mail.ToAsync(address));
    }
}
