using System.Net;
using System.Text.Json;
using CustomerPlatform.Contracts.Identity;
using CustomerPlatform.Contracts.Notifications;

namespace CustomerPlatform.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class When_a_customer_changes_their_account(IdentityFixture fixture)
{
    private const string NewPassword = "a-brand-new-passphrase-42";

    [Fact]
    public async Task Should_change_the_password_tell_the_owner_and_revoke_refresh_tokens()
    {
        using var client = fixture.NewClient();
        var (email, tokens) = await fixture.VerifiedCustomerAsync(client);

        var change = await client.PostJsonAsync("/api/identity/change-password",
            new { currentPassword = IdentityCalls.Password, newPassword = NewPassword }, AccessToken(tokens));

        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        var changed = await fixture.EmailAsync(email, EmailTemplates.AccountChanged);
        Assert.Equal("Your password was changed.", changed.Variables["change"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.RefreshAsync(RefreshToken(tokens))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PasswordGrantAsync(email)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PasswordGrantAsync(email, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task Should_refuse_a_wrong_current_password_change_nothing_and_lock_after_five()
    {
        using var client = fixture.NewClient();
        var (email, tokens) = await fixture.VerifiedCustomerAsync(client);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await client.PostJsonAsync("/api/identity/change-password",
                new { currentPassword = "not-my-password-" + attempt, newPassword = NewPassword }, AccessToken(tokens));
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.True((await wrong.JsonAsync()).GetProperty("errors").TryGetProperty("currentPassword", out _));
        }

        // Five guesses through this route lock the account as five at the token endpoint do; the password is unchanged.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PasswordGrantAsync(email)).StatusCode);
        fixture.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await client.PasswordGrantAsync(email)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PasswordGrantAsync(email, NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.RefreshAsync(RefreshToken(tokens))).StatusCode);
    }

    [Theory]
    [InlineData("""{"newPassword":"a-brand-new-passphrase-42"}""", "currentPassword")]
    [InlineData("""{"currentPassword":"correct-horse-battery-staple","newPassword":"short"}""", "newPassword")]
    [InlineData("""{"currentPassword":"correct-horse-battery-staple","newPassword":"correct-horse-battery-staple"}""", "newPassword")]
    [InlineData("""{"currentPassword":"correct-horse-battery-staple","newPassword":"QwertyUiop123"}""", "newPassword")]
    [InlineData("""not json""", "body")]
    public async Task Should_answer_a_bad_password_change_with_400_naming_the_field(string body, string field)
    {
        using var client = fixture.NewClient();
        var (email, tokens) = await fixture.VerifiedCustomerAsync(client);

        var response = await client.PostRawAsync("/api/identity/change-password", body, AccessToken(tokens));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), field);
        Assert.Equal(HttpStatusCode.OK, (await client.PasswordGrantAsync(email)).StatusCode);
    }

    [Fact]
    public async Task Should_ask_for_a_token()
    {
        using var client = fixture.NewClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostJsonAsync("/api/identity/change-password",
            new { currentPassword = IdentityCalls.Password, newPassword = NewPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostJsonAsync("/api/identity/change-email",
            new { newEmail = IdentityFixture.NewEmail(), password = IdentityCalls.Password })).StatusCode);
    }

    [Fact]
    public async Task Should_move_the_account_to_a_new_address_only_once_the_link_sent_there_is_redeemed()
    {
        using var client = fixture.NewClient();
        var (oldEmail, tokens) = await fixture.VerifiedCustomerAsync(client);
        var newEmail = IdentityFixture.NewEmail("moved");

        var request = await client.PostJsonAsync("/api/identity/change-email",
            new { newEmail, password = IdentityCalls.Password }, AccessToken(tokens));

        Assert.Equal(HttpStatusCode.Accepted, request.StatusCode);
        var confirmation = await fixture.EmailAsync(newEmail, EmailTemplates.ConfirmEmailChange);
        Assert.Equal(newEmail, confirmation.Variables["newEmail"]);
        Assert.Contains("confirmationLink", confirmation.SensitiveVariables);
        Assert.Contains("/confirm-email-change?token=", confirmation.Variables["confirmationLink"]);
        // Nothing changes before the new mailbox answers.
        Assert.Equal(HttpStatusCode.OK, (await client.PasswordGrantAsync(oldEmail)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PasswordGrantAsync(newEmail)).StatusCode);

        var token = IdentityCalls.TokenOf(confirmation, "confirmationLink");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostJsonAsync("/api/identity/confirm-email-change", new { token })).StatusCode);

        var changed = await fixture.Messages.WaitForAsync<CustomerEmailChanged>(e => e.NewEmail == newEmail);
        Assert.Equal(oldEmail, changed.OldEmail);
        Assert.Equal(confirmation.CustomerId, changed.CustomerId);
        var notice = await fixture.EmailAsync(oldEmail, EmailTemplates.AccountChanged);
        Assert.Contains(newEmail, notice.Variables["change"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.RefreshAsync(RefreshToken(tokens))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PasswordGrantAsync(oldEmail)).StatusCode);
        var grant = await client.PasswordGrantAsync(newEmail);
        Assert.Equal(HttpStatusCode.OK, grant.StatusCode);
        var me = await (await client.MeAsync(AccessToken(await grant.JsonAsync()))).JsonAsync();
        Assert.Equal(newEmail, me.GetProperty("email").GetString());
        Assert.True(me.GetProperty("emailVerified").GetBoolean());

        // Single use.
        await When_a_verification_token_is_redeemed.AssertInvalidTokenAsync(
            await client.PostJsonAsync("/api/identity/confirm-email-change", new { token }));
    }

    [Fact]
    public async Task Should_answer_alike_but_send_no_link_for_an_address_another_account_holds()
    {
        using var client = fixture.NewClient();
        var (email, tokens) = await fixture.VerifiedCustomerAsync(client);
        var (taken, _) = await fixture.VerifiedCustomerAsync(client);
        var free = IdentityFixture.NewEmail("free");

        var toTaken = await client.PostJsonAsync("/api/identity/change-email", new { newEmail = taken, password = IdentityCalls.Password }, AccessToken(tokens));
        var toFree = await client.PostJsonAsync("/api/identity/change-email", new { newEmail = free, password = IdentityCalls.Password }, AccessToken(tokens));

        Assert.Equal(HttpStatusCode.Accepted, toTaken.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, toFree.StatusCode);
        Assert.Equal(await toTaken.Content.ReadAsStringAsync(), await toFree.Content.ReadAsStringAsync());
        // The second request's email has arrived, so the first one's would have too.
        await fixture.EmailAsync(free, EmailTemplates.ConfirmEmailChange);
        Assert.DoesNotContain(fixture.Messages.All<SendEmail>(), e => e.To == taken && e.Template == EmailTemplates.ConfirmEmailChange);
        Assert.Equal(HttpStatusCode.OK, (await client.PasswordGrantAsync(email)).StatusCode);
    }

    [Fact]
    public async Task Should_refuse_the_link_when_the_address_was_taken_meanwhile()
    {
        using var client = fixture.NewClient();
        var (email, tokens) = await fixture.VerifiedCustomerAsync(client);
        var newEmail = IdentityFixture.NewEmail("contested");
        await client.PostJsonAsync("/api/identity/change-email", new { newEmail, password = IdentityCalls.Password }, AccessToken(tokens));
        var token = IdentityCalls.TokenOf(await fixture.EmailAsync(newEmail, EmailTemplates.ConfirmEmailChange), "confirmationLink");

        Assert.Equal(HttpStatusCode.Accepted, (await client.SignUpAsync(newEmail)).StatusCode);
        var confirm = await client.PostJsonAsync("/api/identity/confirm-email-change", new { token });

        Assert.Equal(HttpStatusCode.BadRequest, confirm.StatusCode);
        Assert.True((await confirm.JsonAsync()).GetProperty("errors").TryGetProperty("token", out _));
        Assert.Equal(HttpStatusCode.OK, (await client.PasswordGrantAsync(email)).StatusCode);
        Assert.DoesNotContain(fixture.Messages.All<CustomerEmailChanged>(), e => e.NewEmail == newEmail);
    }

    [Fact]
    public async Task Should_refuse_a_wrong_password_or_the_same_address_naming_the_field()
    {
        using var client = fixture.NewClient();
        var (email, tokens) = await fixture.VerifiedCustomerAsync(client);

        var wrong = await client.PostJsonAsync("/api/identity/change-email",
            new { newEmail = IdentityFixture.NewEmail(), password = "not-my-password-1" }, AccessToken(tokens));
        var same = await client.PostJsonAsync("/api/identity/change-email",
            new { newEmail = email.ToUpperInvariant(), password = IdentityCalls.Password }, AccessToken(tokens));
        var malformed = await client.PostJsonAsync("/api/identity/change-email",
            new { newEmail = "not-an-address", password = IdentityCalls.Password }, AccessToken(tokens));

        Assert.True((await wrong.JsonAsync()).GetProperty("errors").TryGetProperty("password", out _));
        Assert.True((await same.JsonAsync()).GetProperty("errors").TryGetProperty("newEmail", out _));
        Assert.True((await malformed.JsonAsync()).GetProperty("errors").TryGetProperty("newEmail", out _));
        Assert.All([wrong, same, malformed], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        var customerId = (await (await client.MeAsync(AccessToken(tokens))).JsonAsync()).GetProperty("customerId").GetGuid();
        Assert.DoesNotContain(fixture.Messages.All<SendEmail>(), e => e.CustomerId == customerId && e.Template == EmailTemplates.ConfirmEmailChange);
    }

    private static string AccessToken(JsonElement tokens) => tokens.GetProperty("access_token").GetString()!;

    private static string RefreshToken(JsonElement tokens) => tokens.GetProperty("refresh_token").GetString()!;
}
