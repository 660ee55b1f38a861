using System.Net;
using CustomerPlatform.Contracts.Notifications;

namespace CustomerPlatform.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class When_a_verification_token_is_redeemed(IdentityFixture fixture)
{
    [Fact]
    public async Task Should_refuse_the_same_token_a_second_time()
    {
        using var client = fixture.NewClient();
        var email = IdentityFixture.NewEmail();
        (await client.SignUpAsync(email)).EnsureSuccessStatusCode();
        var token = IdentityCalls.TokenOf(await fixture.EmailAsync(email, EmailTemplates.VerifyEmail), "verificationLink");

        Assert.Equal(HttpStatusCode.NoContent, (await client.VerifyAsync(token)).StatusCode);
        var again = await client.VerifyAsync(token);

        await AssertInvalidTokenAsync(again);
    }

    [Fact]
    public async Task Should_refuse_a_token_older_than_24_hours()
    {
        using var client = fixture.NewClient();
        var email = IdentityFixture.NewEmail();
        (await client.SignUpAsync(email)).EnsureSuccessStatusCode();
        var token = IdentityCalls.TokenOf(await fixture.EmailAsync(email, EmailTemplates.VerifyEmail), "verificationLink");

        fixture.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));

        await AssertInvalidTokenAsync(await client.VerifyAsync(token));
        Assert.Equal("The email address has not been verified.",
            (await (await client.PasswordGrantAsync(email)).JsonAsync()).GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Should_void_the_old_token_when_a_new_one_is_sent()
    {
        using var client = fixture.NewClient();
        var email = IdentityFixture.NewEmail();
        (await client.SignUpAsync(email)).EnsureSuccessStatusCode();
        var first = IdentityCalls.TokenOf(await fixture.EmailAsync(email, EmailTemplates.VerifyEmail), "verificationLink");

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostJsonAsync("/api/identity/resend-verification", new { email })).StatusCode);
        var second = IdentityCalls.TokenOf(await fixture.EmailAsync(email, EmailTemplates.VerifyEmail, nth: 1), "verificationLink");

        Assert.NotEqual(first, second);
        await AssertInvalidTokenAsync(await client.VerifyAsync(first));
        Assert.Equal(HttpStatusCode.NoContent, (await client.VerifyAsync(second)).StatusCode);
    }

    [Fact]
    public async Task Should_answer_an_unknown_token_with_the_same_problem()
    {
        using var client = fixture.NewClient();

        await AssertInvalidTokenAsync(await client.VerifyAsync("not-a-token"));
        await AssertInvalidTokenAsync(await client.VerifyAsync(new string('A', 43)));
    }

    internal static async Task AssertInvalidTokenAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal("https://customerplatform/problems/invalid-token", problem.GetProperty("type").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("token", out _));
    }
}
