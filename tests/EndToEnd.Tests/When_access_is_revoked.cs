using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>
/// Issue 14: after a password change or reset, an address change, or a staff account being disabled,
/// every access token issued before it is refused within a second, by the gateway and by every
/// service called directly (not at the end of its 15 minutes), and a token taken afterwards works.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class When_access_is_revoked(PlatformFixture platform) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Immediately = TimeSpan.FromSeconds(1);

    private readonly SignedInRoutes _routes = new(platform.App, platform.Gateway);

    [Fact]
    public async Task Should_refuse_tokens_from_before_a_password_change()
    {
        var (email, customer) = await NewCustomerAsync("pw-change");
        await AssertAcceptedEverywhereAsync(customer.AccessToken);
        const string newPassword = "a brand new passphrase 77";

        await customer.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, "/api/identity/change-password",
            new { currentPassword = Accounts.DefaultPassword, newPassword });

        await AssertRefusedEverywhereAsync(customer.AccessToken, Stopwatch.StartNew());
        await AssertAcceptedEverywhereAsync((await Accounts.SignInAsync(platform.Gateway, email, newPassword)).AccessToken);
    }

    [Fact]
    public async Task Should_refuse_tokens_from_before_a_password_reset()
    {
        var (email, customer) = await NewCustomerAsync("pw-reset");
        using var mail = Mail();
        await platform.Gateway.PostAsJsonAsync("/api/identity/forgot-password", new { email });
        var reset = await mail.WaitForAsync(email, found => found.Any(e => Accounts.Text(e).Contains("/reset-password?token=", StringComparison.Ordinal)), Wait);
        var token = Accounts.VerificationToken(reset.Where(e => Accounts.Text(e).Contains("/reset-password?token=", StringComparison.Ordinal)))!;
        const string newPassword = "reset to something else 88";

        using var response = await platform.Gateway.PostAsJsonAsync("/api/identity/reset-password", new { token, newPassword });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        await AssertRefusedEverywhereAsync(customer.AccessToken, Stopwatch.StartNew());
        await AssertAcceptedEverywhereAsync((await Accounts.SignInAsync(platform.Gateway, email, newPassword)).AccessToken);
    }

    [Fact]
    public async Task Should_refuse_tokens_from_before_an_address_change()
    {
        var (_, customer) = await NewCustomerAsync("moving");
        var newEmail = $"moved-{Guid.NewGuid():N}@example.com";
        using var mail = Mail();
        await customer.ExpectAsync(HttpStatusCode.Accepted, HttpMethod.Post, "/api/identity/change-email", new { newEmail, password = Accounts.DefaultPassword });
        var confirmation = await mail.WaitForAsync(newEmail, found => Accounts.VerificationToken(found) is not null, Wait);

        using var response = await platform.Gateway.PostAsJsonAsync("/api/identity/confirm-email-change", new { token = Accounts.VerificationToken(confirmation) });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        await AssertRefusedEverywhereAsync(customer.AccessToken, Stopwatch.StartNew());
        await AssertAcceptedEverywhereAsync((await Accounts.SignInAsync(platform.Gateway, newEmail)).AccessToken);
    }

    [Fact]
    public async Task Should_refuse_tokens_of_a_disabled_staff_account()
    {
        var admin = await Accounts.SignInAsync(platform.Gateway, StaffAccounts.Admin);
        var agent = await Accounts.SignInAsync(platform.Gateway, StaffAccounts.Agent);
        var agentId = (await agent.GetAsync("/api/identity/me")).GetProperty("customerId").GetGuid();
        await AssertAcceptedEverywhereAsync(agent.AccessToken);
        try
        {
            await admin.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/identity/staff/{agentId}/disable");

            await AssertRefusedEverywhereAsync(agent.AccessToken, Stopwatch.StartNew());
            using var signIn = await Accounts.RequestTokenAsync(platform.Gateway, StaffAccounts.Agent.Email, StaffAccounts.Agent.Password);
            Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        }
        finally
        {
            await admin.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/identity/staff/{agentId}/enable");
        }

        await AssertAcceptedEverywhereAsync((await Accounts.SignInAsync(platform.Gateway, StaffAccounts.Agent)).AccessToken);
    }

    private async Task<(string Email, ApiSession Session)> NewCustomerAsync(string prefix)
    {
        var email = $"{prefix}-{Guid.NewGuid():N}@example.com";
        using var mail = Mail();
        var (_, session) = await Accounts.NewCustomerAsync(platform.Gateway, mail, email, "Rita Revoked", Wait);
        return (email, session);
    }

    private MailDevInbox Mail() => new(platform.App.GetEndpoint(ResourceNames.Mail, "http"));

    public void Dispose() => _routes.Dispose();

    private async Task AssertAcceptedEverywhereAsync(string accessToken)
    {
        foreach (var (where, client, path) in _routes.Targets())
            Assert.True(await SignedInRoutes.StatusAsync(client, path, accessToken) == HttpStatusCode.OK, $"{where} {path} refused a valid token");
    }

    private async Task AssertRefusedEverywhereAsync(string accessToken, Stopwatch sinceChange)
    {
        foreach (var (where, client, path) in _routes.Targets())
        {
            HttpStatusCode status;
            while ((status = await SignedInRoutes.StatusAsync(client, path, accessToken)) == HttpStatusCode.OK && sinceChange.Elapsed < Immediately)
                await Task.Delay(50);
            Assert.True(status == HttpStatusCode.Unauthorized, $"{where} {path} still answered {(int)status} {sinceChange.Elapsed.TotalMilliseconds:0} ms after the change");
        }
    }
}
