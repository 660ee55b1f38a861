using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>
/// Issue 14 (ADR-016), on the whole platform: Identity's keys rotate every
/// <see cref="PlatformFixture.KeyRotationPeriod"/> in this run (every other test meets rotations too),
/// each new signing key is in the JWKS <see cref="PlatformFixture.KeyPublicationLead"/> before a token
/// carries it, and a session from before a rotation goes on: its access token is accepted by the
/// gateway and every service, and its refresh token gives a token signed with the new key.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class When_identity_rotates_its_keys(PlatformFixture platform) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    /// <summary>Identity replicas re-read the key table every 2 seconds; the JWKS is polled every 250 ms.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(3);

    private readonly SignedInRoutes _routes = new(platform.App, platform.Gateway);

    [Fact]
    public async Task Should_publish_each_key_before_it_signs_and_sign_nobody_out()
    {
        var email = $"rotation-{Guid.NewGuid():N}@example.com";
        using (var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http")))
            await Accounts.NewCustomerAsync(platform.Gateway, mail, email, "Kim Keys", Wait);
        var session = await TokensAsync(email);
        await AssertAcceptedEverywhereAsync(session.Access);

        // Wait for a key the JWKS did not list at first, and note when it appeared.
        var known = await PublishedKidsAsync();
        var clock = Stopwatch.StartNew();
        string? next = null;
        while (next is null)
        {
            Assert.True(clock.Elapsed < PlatformFixture.KeyRotationPeriod * 2 + Slack, $"no new key published in {clock.Elapsed}");
            next = (await PublishedKidsAsync()).Except(known).FirstOrDefault();
            if (next is null)
                await Task.Delay(250);
        }
        var publishedAt = clock.Elapsed;

        // Take tokens (refresh grants, as the app does) until one is signed with it.
        var refresh = (await TokensAsync(email)).Refresh;
        var kids = new List<string>();
        while (true)
        {
            Assert.True(clock.Elapsed < publishedAt + PlatformFixture.KeyPublicationLead + Wait, $"the key published at {publishedAt} never signed; tokens carried {string.Join(", ", kids.Distinct())}");
            var tokens = await RefreshAsync(refresh);
            refresh = tokens.Refresh;
            kids.Add(KidOf(tokens.Access));
            if (kids[^1] == next)
                break;
            await Task.Delay(500);
        }
        var lead = clock.Elapsed - publishedAt;
        Assert.True(lead >= PlatformFixture.KeyPublicationLead - Slack, $"the key signed {lead.TotalSeconds:0.0} s after it was published");

        // The session from before the rotation goes on, with its old token and with a refreshed one.
        Assert.NotEqual(next, KidOf(session.Access));
        await AssertAcceptedEverywhereAsync(session.Access);
        var refreshed = await RefreshAsync(session.Refresh);
        Assert.NotEqual(KidOf(session.Access), KidOf(refreshed.Access));
        await AssertAcceptedEverywhereAsync(refreshed.Access);
    }

    public void Dispose() => _routes.Dispose();

    private async Task AssertAcceptedEverywhereAsync(string accessToken)
    {
        foreach (var (where, client, path) in _routes.Targets())
        {
            var status = await SignedInRoutes.StatusAsync(client, path, accessToken);
            Assert.True(status == HttpStatusCode.OK, $"{where} {path} answered {(int)status} to a token signed with {KidOf(accessToken)}");
        }
    }

    private async Task<(string Access, string Refresh)> TokensAsync(string email)
    {
        using var response = await Accounts.RequestTokenAsync(platform.Gateway, email, Accounts.DefaultPassword);
        return await ReadTokensAsync(response);
    }

    private async Task<(string Access, string Refresh)> RefreshAsync(string refreshToken)
    {
        using var response = await platform.Gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = "platform-cli",
            ["refresh_token"] = refreshToken,
        }));
        return await ReadTokensAsync(response);
    }

    private static async Task<(string Access, string Refresh)> ReadTokensAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/connect/token answered {(int)response.StatusCode}: {text}");
        var json = JsonDocument.Parse(text).RootElement;
        return (json.GetProperty("access_token").GetString()!, json.GetProperty("refresh_token").GetString()!);
    }

    private async Task<HashSet<string>> PublishedKidsAsync()
    {
        using var jwks = JsonDocument.Parse(await platform.Gateway.GetStringAsync("/.well-known/jwks"));
        return [.. jwks.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }

    private static string KidOf(string jwt) => new JsonWebToken(jwt).Kid;
}
