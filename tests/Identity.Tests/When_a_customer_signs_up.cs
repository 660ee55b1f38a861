using System.IdentityModel.Tokens.Jwt;
using System.Net;
using CustomerPlatform.Contracts.Identity;
using CustomerPlatform.Contracts.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class When_a_customer_signs_up(IdentityFixture fixture)
{
    [Fact]
    public async Task Should_email_a_link_whose_token_verifies_then_issue_tokens_and_show_the_email_verified()
    {
        using var client = fixture.NewClient();
        var email = IdentityFixture.NewEmail();

        var signUp = await client.SignUpAsync(email, displayName: "Dana Customer");
        Assert.Equal(HttpStatusCode.Accepted, signUp.StatusCode);
        var customerId = (await signUp.JsonAsync()).GetProperty("customerId").GetGuid();

        var verification = await fixture.EmailAsync(email, EmailTemplates.VerifyEmail);
        Assert.Equal(customerId, verification.CustomerId);
        Assert.Equal("Dana Customer", verification.Variables["displayName"]);
        Assert.Equal("24", verification.Variables["expiresInHours"]);
        Assert.StartsWith("http://app.test/verify-email?token=", verification.Variables["verificationLink"]);
        Assert.Contains("verificationLink", verification.SensitiveVariables);

        var token = IdentityCalls.TokenOf(verification, "verificationLink");
        Assert.Equal(43, token.Length); // 256 bits, base64url
        Assert.Equal(HttpStatusCode.NoContent, (await client.VerifyAsync(token)).StatusCode);
        var verified = await fixture.Messages.WaitForAsync<EmailVerified>(v => v.CustomerId == customerId);
        Assert.Equal(email, verified.Email);

        var grant = await client.PasswordGrantAsync(email);
        var tokens = await grant.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, grant.StatusCode);
        Assert.True(tokens.TryGetProperty("refresh_token", out _));
        Assert.True(tokens.TryGetProperty("id_token", out _));

        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(tokens.GetProperty("access_token").GetString());
        Assert.Equal(customerId.ToString(), jwt.Subject);
        Assert.Equal(email, jwt.Claims.Single(c => c.Type == "email").Value);
        Assert.Equal("Dana Customer", jwt.Claims.Single(c => c.Type == "name").Value);
        Assert.Equal(Roles.Customer, jwt.Claims.Single(c => c.Type == "role").Value);
        Assert.Equal(3, tokens.GetProperty("access_token").GetString()!.Split('.').Length); // signed (JWS), not encrypted (JWE has 5 parts)

        var me = await client.MeAsync(tokens.GetProperty("access_token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var body = await me.JsonAsync();
        Assert.Equal(customerId, body.GetProperty("customerId").GetGuid());
        Assert.Equal(email, body.GetProperty("email").GetString());
        Assert.Equal("Dana Customer", body.GetProperty("displayName").GetString());
        Assert.True(body.GetProperty("emailVerified").GetBoolean());
        Assert.Equal([Roles.Customer], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Should_publish_CustomerSignedUp_once_with_the_user_row()
    {
        using var client = fixture.NewClient();
        var email = IdentityFixture.NewEmail();

        var customerId = (await (await client.SignUpAsync(email)).JsonAsync()).GetProperty("customerId").GetGuid();
        // A second sign-up of the unverified address is a resend: no second CustomerSignedUp.
        Assert.Equal(HttpStatusCode.Accepted, (await client.SignUpAsync(email)).StatusCode);
        await fixture.EmailAsync(email, EmailTemplates.VerifyEmail, nth: 1);

        var signedUp = await fixture.Messages.WaitForAsync<CustomerSignedUp>(s => s.Email == email);
        Assert.Equal(customerId, signedUp.CustomerId);
        Assert.True(await fixture.InDatabaseAsync(db => db.Users.AnyAsync(u => u.Id == customerId)));
        await Task.Delay(TimeSpan.FromSeconds(2)); // a duplicate would have arrived by now
        Assert.Single(fixture.Messages.All<CustomerSignedUp>(), s => s.Email == email);
    }

    [Fact]
    public async Task Should_refuse_tokens_until_the_address_is_verified()
    {
        using var client = fixture.NewClient();
        var email = IdentityFixture.NewEmail();
        (await client.SignUpAsync(email)).EnsureSuccessStatusCode();

        var grant = await client.PasswordGrantAsync(email);
        var body = await grant.JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, grant.StatusCode);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        Assert.Equal("The email address has not been verified.", body.GetProperty("error_description").GetString());
    }
}
