using System.Net;

namespace CustomerPlatform.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class When_sign_ins_fail(IdentityFixture fixture)
{
    [Fact]
    public async Task Should_lock_the_account_for_15_minutes_after_five_failures()
    {
        using var client = fixture.NewClient();
        var (email, _) = await fixture.VerifiedCustomerAsync(client);

        for (var attempt = 1; attempt <= 5; attempt++)
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PasswordGrantAsync(email, "wrong-password-" + attempt)).StatusCode);

        // Locked: the right password is refused too, with the same words as a wrong one.
        var locked = await client.PasswordGrantAsync(email);
        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        Assert.Equal(SignInService.RefusedMessage, (await locked.JsonAsync()).GetProperty("error_description").GetString());

        fixture.Time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PasswordGrantAsync(email)).StatusCode);

        fixture.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await client.PasswordGrantAsync(email)).StatusCode);
    }

    [Fact]
    public async Task Should_not_say_whether_the_email_or_the_password_was_wrong()
    {
        using var client = fixture.NewClient();
        var (email, _) = await fixture.VerifiedCustomerAsync(client);

        var wrongPassword = await client.PasswordGrantAsync(email, "not-the-password-at-all");
        var unknownEmail = await client.PasswordGrantAsync(IdentityFixture.NewEmail("nobody"));

        Assert.Equal(wrongPassword.StatusCode, unknownEmail.StatusCode);
        Assert.Equal((await wrongPassword.JsonAsync()).ToString(), (await unknownEmail.JsonAsync()).ToString());
        Assert.Equal("invalid_grant", (await unknownEmail.JsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Should_start_the_count_afresh_after_a_success()
    {
        using var client = fixture.NewClient();
        var (email, _) = await fixture.VerifiedCustomerAsync(client);

        for (var attempt = 1; attempt <= 4; attempt++)
            await client.PasswordGrantAsync(email, "wrong-password-" + attempt);
        Assert.Equal(HttpStatusCode.OK, (await client.PasswordGrantAsync(email)).StatusCode);
        fixture.Time.Advance(TimeSpan.FromMinutes(15)); // a fresh rate-limit window; lockout does not depend on it
        for (var attempt = 1; attempt <= 4; attempt++)
            await client.PasswordGrantAsync(email, "wrong-password-" + attempt);

        Assert.Equal(HttpStatusCode.OK, (await client.PasswordGrantAsync(email)).StatusCode);
    }
}
