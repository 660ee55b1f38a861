using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>
/// The whole path of issue 4 on the real platform, through the gateway only: sign-up, the verification
/// email really reaching MailDev through Notifications, the link's token verifying the address, the
/// password grant issuing tokens, the account and the in-app inbox read with them, and the same token
/// still accepted after Identity restarts.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class When_a_customer_signs_up_through_the_gateway(PlatformFixture platform)
{
    private const string Password = "correct horse battery staple 42";

    [Fact]
    public async Task Should_verify_the_email_from_the_link_sign_in_and_keep_the_token_valid_across_an_identity_restart()
    {
        var email = $"e2e-{Guid.NewGuid():N}@example.com";
        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));

        using var signUp = await platform.Gateway.PostAsJsonAsync("/api/identity/signup", new { email, password = Password, displayName = "Eve End-to-End" });
        Assert.Equal(HttpStatusCode.Accepted, signUp.StatusCode);
        var customerId = (await signUp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerId").GetGuid();

        // Before verifying, the password grant is refused with a reason the app can show.
        using (var early = await RequestTokenAsync(email))
        {
            Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
            Assert.Contains("verified", await early.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        var emails = await mail.WaitForAsync(email, found => found.Count >= 1, TimeSpan.FromSeconds(60));
        var verification = Assert.Single(emails);
        var link = TokenLink().Match(verification.GetProperty("text").GetString()!);
        Assert.True(link.Success, "The verification email has no link with a token.");
        Assert.StartsWith(platform.Gateway.BaseAddress!.GetLeftPart(UriPartial.Authority), link.Value, StringComparison.OrdinalIgnoreCase);

        using (var verify = await platform.Gateway.PostAsJsonAsync("/api/identity/verify-email", new { token = link.Groups["token"].Value }))
            Assert.Equal(HttpStatusCode.NoContent, verify.StatusCode);
        using (var again = await platform.Gateway.PostAsJsonAsync("/api/identity/verify-email", new { token = link.Groups["token"].Value }))
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);

        using var tokenResponse = await RequestTokenAsync(email);
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        var tokens = await tokenResponse.Content.ReadFromJsonAsync<JsonElement>();
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("refresh_token").GetString()));

        var me = await GetAsync("/api/identity/me", accessToken);
        Assert.Equal(customerId, me.GetProperty("customerId").GetGuid());
        Assert.True(me.GetProperty("emailVerified").GetBoolean());
        Assert.Contains(Roles.Customer, me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        // The email is in the in-app inbox and the communication history, as sent. Notifications
        // validates the same token Identity issued.
        var inbox = await GetAsync("/api/notifications", accessToken);
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), item => item.GetProperty("type").GetString() == "verify-email");
        var history = await GetAsync("/api/notifications/history", accessToken);
        Assert.Contains(history.GetProperty("items").EnumerateArray(),
            entry => entry.GetProperty("type").GetString() == "verify-email" && entry.GetProperty("status").GetString() == "sent");

        // Keys live in identitydb: after a restart the token issued before it is still accepted.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await ResourceControl.RestartAsync(platform.App, ResourceNames.Services.Identity, timeout.Token);
        await platform.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Services.Identity, timeout.Token);
        var afterRestart = await GetAsync("/api/identity/me", accessToken);
        Assert.Equal(customerId, afterRestart.GetProperty("customerId").GetGuid());

        using var anonymous = await platform.Gateway.GetAsync("/api/identity/me");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private Task<HttpResponseMessage> RequestTokenAsync(string email) =>
        platform.Gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "platform-cli",
            ["username"] = email,
            ["password"] = Password,
            ["scope"] = "openid offline_access api",
        }));

    private async Task<JsonElement> GetAsync(string path, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await platform.Gateway.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [GeneratedRegex(@"https?://\S+?[?&]token=(?<token>[A-Za-z0-9_\-]+)")]
    private static partial Regex TokenLink();
}
