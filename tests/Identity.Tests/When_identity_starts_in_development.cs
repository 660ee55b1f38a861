using System.Net;

namespace CustomerPlatform.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class When_identity_starts_in_development(IdentityFixture fixture)
{
    [Theory]
    [InlineData("admin@example.com", "dev-admin-passphrase-1", Roles.Admin)]
    [InlineData("csm.one@example.com", "dev-csm-one-passphrase", Roles.SuccessManager)]
    [InlineData("csm.two@example.com", "dev-csm-two-passphrase", Roles.SuccessManager)]
    [InlineData("agent@example.com", "dev-agent-passphrase-1", Roles.Agent)]
    public async Task Should_seed_verified_staff_accounts_with_their_role(string email, string password, string role)
    {
        using var client = fixture.NewClient();

        var grant = await client.PasswordGrantAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, grant.StatusCode);
        var me = await (await client.MeAsync((await grant.JsonAsync()).GetProperty("access_token").GetString()!)).JsonAsync();

        Assert.True(me.GetProperty("emailVerified").GetBoolean());
        Assert.Equal([role], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Should_publish_discovery_with_the_public_issuer_and_its_endpoints()
    {
        using var client = fixture.NewClient();

        var discovery = await (await client.GetAsync("/.well-known/openid-configuration")).JsonAsync();

        Assert.Equal(IdentityApp.Origin + "/", discovery.GetProperty("issuer").GetString());
        Assert.Equal(IdentityApp.Origin + "/connect/token", discovery.GetProperty("token_endpoint").GetString());
        Assert.Equal(IdentityApp.Origin + "/connect/authorize", discovery.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(IdentityApp.Origin + "/.well-known/jwks", discovery.GetProperty("jwks_uri").GetString());
        var grants = discovery.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()).ToList();
        Assert.Contains("password", grants);
        Assert.Contains("refresh_token", grants);
        Assert.Contains("authorization_code", grants);
        Assert.Contains("S256", discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()));
        var keys = (await (await client.GetAsync("/.well-known/jwks")).JsonAsync()).GetProperty("keys");
        Assert.Equal("RSA", Assert.Single(keys.EnumerateArray()).GetProperty("kty").GetString());
    }

    [Fact]
    public async Task Should_refuse_a_request_to_me_without_a_valid_token()
    {
        using var client = fixture.NewClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/identity/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.MeAsync("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")).StatusCode);
    }
}
