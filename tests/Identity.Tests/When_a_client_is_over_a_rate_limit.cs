using System.Net;

namespace CustomerPlatform.Identity.Tests;

/// <summary>The fixture allows 5 sign-ups per address and 3 per email an hour, 10 sign-ins per email in 15 minutes.</summary>
[Collection(IdentityCollection.Name)]
public sealed class When_a_client_is_over_a_rate_limit(IdentityFixture fixture)
{
    [Fact]
    public async Task Should_answer_429_with_Retry_After_per_client_address()
    {
        using var client = fixture.NewClient();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await client.SignUpAsync(IdentityFixture.NewEmail())).StatusCode);

        var refused = await client.SignUpAsync(IdentityFixture.NewEmail());

        await AssertTooManyAsync(refused, TimeSpan.FromHours(1));
        using var elsewhere = fixture.NewClient();
        Assert.Equal(HttpStatusCode.Accepted, (await elsewhere.SignUpAsync(IdentityFixture.NewEmail())).StatusCode);
    }

    [Fact]
    public async Task Should_answer_429_per_email_address_whichever_address_asks()
    {
        var email = IdentityFixture.NewEmail();
        for (var i = 0; i < 3; i++)
        {
            using var client = fixture.NewClient();
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostJsonAsync("/api/identity/forgot-password", new { email })).StatusCode);
        }

        using var another = fixture.NewClient();
        await AssertTooManyAsync(await another.PostJsonAsync("/api/identity/forgot-password", new { email }), TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Should_limit_password_grants_per_email_and_let_them_again_after_the_window()
    {
        using var client = fixture.NewClient();
        var (email, _) = await fixture.VerifiedCustomerAsync(client);
        for (var i = 0; i < 9; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.PasswordGrantAsync(email)).StatusCode);

        await AssertTooManyAsync(await client.PasswordGrantAsync(email), TimeSpan.FromMinutes(15));

        fixture.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.OK, (await client.PasswordGrantAsync(email)).StatusCode);
    }

    [Fact]
    public async Task Should_count_attempts_on_both_replicas_together()
    {
        await using var second = fixture.StartApp();
        var email = IdentityFixture.NewEmail();
        using var first = fixture.NewClient();
        using var other = fixture.NewClient(second);

        Assert.Equal(HttpStatusCode.Accepted, (await first.PostJsonAsync("/api/identity/resend-verification", new { email })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await other.PostJsonAsync("/api/identity/resend-verification", new { email })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await first.PostJsonAsync("/api/identity/resend-verification", new { email })).StatusCode);

        await AssertTooManyAsync(await other.PostJsonAsync("/api/identity/resend-verification", new { email }), TimeSpan.FromHours(1));
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response, TimeSpan window)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (await response.JsonAsync()).GetProperty("status").GetInt32());
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), window);
    }
}
