using System.Net;
using CustomerPlatform.Contracts.Notifications;

namespace CustomerPlatform.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class When_a_password_is_reset(IdentityFixture fixture)
{
    private const string NewPassword = "a-brand-new-passphrase-42";

    [Fact]
    public async Task Should_change_the_password_tell_the_owner_and_revoke_refresh_tokens()
    {
        using var client = fixture.NewClient();
        var (email, tokens) = await fixture.VerifiedCustomerAsync(client);
        var refreshToken = tokens.GetProperty("refresh_token").GetString()!;

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostJsonAsync("/api/identity/forgot-password", new { email })).StatusCode);
        var resetEmail = await fixture.EmailAsync(email, EmailTemplates.ResetPassword);
        Assert.Equal("60", resetEmail.Variables["expiresInMinutes"]);
        Assert.Contains("resetLink", resetEmail.SensitiveVariables);
        var token = IdentityCalls.TokenOf(resetEmail, "resetLink");

        var reset = await client.PostJsonAsync("/api/identity/reset-password", new { token, newPassword = NewPassword });

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        var changed = await fixture.EmailAsync(email, EmailTemplates.AccountChanged);
        Assert.Equal(resetEmail.CustomerId, changed.CustomerId);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.RefreshAsync(refreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PasswordGrantAsync(email)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PasswordGrantAsync(email, NewPassword)).StatusCode);

        // Single use.
        await When_a_verification_token_is_redeemed.AssertInvalidTokenAsync(
            await client.PostJsonAsync("/api/identity/reset-password", new { token, newPassword = "yet-another-passphrase-7" }));
    }

    [Fact]
    public async Task Should_refuse_a_reset_token_older_than_an_hour()
    {
        using var client = fixture.NewClient();
        var (email, _) = await fixture.VerifiedCustomerAsync(client);
        await client.PostJsonAsync("/api/identity/forgot-password", new { email });
        var token = IdentityCalls.TokenOf(await fixture.EmailAsync(email, EmailTemplates.ResetPassword), "resetLink");

        fixture.Time.Advance(TimeSpan.FromMinutes(61));

        await When_a_verification_token_is_redeemed.AssertInvalidTokenAsync(
            await client.PostJsonAsync("/api/identity/reset-password", new { token, newPassword = NewPassword }));
        Assert.Equal(HttpStatusCode.OK, (await client.PasswordGrantAsync(email)).StatusCode);
    }

    [Fact]
    public async Task Should_refuse_a_common_password_naming_the_field()
    {
        using var client = fixture.NewClient();
        var (email, _) = await fixture.VerifiedCustomerAsync(client);
        await client.PostJsonAsync("/api/identity/forgot-password", new { email });
        var token = IdentityCalls.TokenOf(await fixture.EmailAsync(email, EmailTemplates.ResetPassword), "resetLink");

        var reset = await client.PostJsonAsync("/api/identity/reset-password", new { token, newPassword = "QwertyUiop123" });

        Assert.Equal(HttpStatusCode.BadRequest, reset.StatusCode);
        Assert.True((await reset.JsonAsync()).GetProperty("errors").TryGetProperty("newPassword", out _));
        // The token was not spent on a refused password.
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostJsonAsync("/api/identity/reset-password", new { token, newPassword = NewPassword })).StatusCode);
    }
}
