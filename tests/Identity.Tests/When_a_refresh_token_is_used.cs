using System.Net;

namespace CustomerPlatform.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class When_a_refresh_token_is_used(IdentityFixture fixture)
{
    [Fact]
    public async Task Should_issue_a_new_one_and_refuse_the_old_one()
    {
        using var client = fixture.NewClient();
        var (_, tokens) = await fixture.VerifiedCustomerAsync(client);
        var first = tokens.GetProperty("refresh_token").GetString()!;

        var refreshed = await client.RefreshAsync(first);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var second = (await refreshed.JsonAsync()).GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(first, second);

        var replay = await client.RefreshAsync(first);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("invalid_grant", (await replay.JsonAsync()).GetProperty("error").GetString());
        // A replayed token means it leaked: its whole chain is revoked, the newer token included.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.RefreshAsync(second)).StatusCode);
    }

    [Fact]
    public async Task Should_carry_the_same_identity_in_the_new_access_token()
    {
        using var client = fixture.NewClient();
        var (email, tokens) = await fixture.VerifiedCustomerAsync(client);

        var refreshed = await (await client.RefreshAsync(tokens.GetProperty("refresh_token").GetString()!)).JsonAsync();
        var me = await (await client.MeAsync(refreshed.GetProperty("access_token").GetString()!)).JsonAsync();

        Assert.Equal(email, me.GetProperty("email").GetString());
    }
}
