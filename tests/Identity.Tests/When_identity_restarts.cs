using System.Net;

namespace CustomerPlatform.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class When_identity_restarts(IdentityFixture fixture)
{
    [Fact]
    public async Task Should_accept_tokens_issued_before_the_restart()
    {
        string accessToken, refreshToken, jwks;
        await using (var before = fixture.StartApp())
        {
            using var client = fixture.NewClient(before);
            var (_, tokens) = await fixture.VerifiedCustomerAsync(client);
            accessToken = tokens.GetProperty("access_token").GetString()!;
            refreshToken = tokens.GetProperty("refresh_token").GetString()!;
            jwks = await client.GetStringAsync("/.well-known/jwks");
        }

        await using var after = fixture.StartApp();
        using var restarted = fixture.NewClient(after);

        Assert.Equal(jwks, await restarted.GetStringAsync("/.well-known/jwks"));
        Assert.Equal(HttpStatusCode.OK, (await restarted.MeAsync(accessToken)).StatusCode);
        // Refresh tokens are encrypted with the persisted encryption key: they survive too.
        Assert.Equal(HttpStatusCode.OK, (await restarted.RefreshAsync(refreshToken)).StatusCode);
    }
}
