using System.Net;
using System.Text;
using System.Text.Json;

namespace CustomerPlatform.Identity.Tests;

/// <summary>
/// The business's store is a confidential client of the client-credentials grant with the <c>store</c>
/// scope (commerce.md); Development seeds <c>store-dev</c>, as the README lists it.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class When_the_store_asks_for_a_token(IdentityFixture fixture)
{
    private const string StoreId = "store-dev";
    private const string StoreSecret = "dev-store-secret-2026";

    [Fact]
    public async Task Should_grant_the_development_store_a_token_of_the_store_scope_that_names_no_person()
    {
        using var client = fixture.NewClient();

        var grant = await client.ClientCredentialsAsync(StoreId, StoreSecret, "store");

        Assert.Equal(HttpStatusCode.OK, grant.StatusCode);
        var body = await grant.JsonAsync();
        Assert.False(body.TryGetProperty("refresh_token", out _));
        var claims = Payload(body.GetProperty("access_token").GetString()!);
        Assert.Equal(StoreId, claims.GetProperty("sub").GetString());
        Assert.Equal("store", claims.GetProperty("scope").GetString());
        Assert.Equal(CustomerPlatform.ServiceDefaults.AuthenticationExtensions.ApiAudience, claims.GetProperty("aud").GetString());
        Assert.False(claims.TryGetProperty("role", out _));
        Assert.False(claims.TryGetProperty("email", out _));
    }

    [Fact]
    public async Task Should_refuse_a_wrong_secret_and_any_scope_but_store()
    {
        using var client = fixture.NewClient();

        var wrongSecret = await client.ClientCredentialsAsync(StoreId, "not-the-store-secret", "store");
        var personScope = await client.ClientCredentialsAsync(StoreId, StoreSecret, "store api");
        var publicClient = await client.ClientCredentialsAsync("platform-cli", null, "store");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal("invalid_client", (await wrongSecret.JsonAsync()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, personScope.StatusCode);
        var refused = await personScope.JsonAsync();
        Assert.Contains(refused.GetProperty("error").GetString(), new[] { "invalid_scope", "invalid_request" });
        Assert.False(refused.TryGetProperty("access_token", out _));
        Assert.Equal(HttpStatusCode.BadRequest, publicClient.StatusCode);
    }

    [Fact]
    public async Task Should_keep_a_store_token_off_the_routes_of_a_person()
    {
        using var client = fixture.NewClient();
        var token = (await (await client.ClientCredentialsAsync(StoreId, StoreSecret, "store")).JsonAsync()).GetProperty("access_token").GetString()!;

        var me = await client.MeAsync(token);

        Assert.Equal(HttpStatusCode.Forbidden, me.StatusCode);
    }

    [Fact]
    public async Task Should_remove_a_store_that_is_no_longer_configured()
    {
        var extra = new Dictionary<string, string?>
        {
            ["Identity:StoreClients:1:ClientId"] = "store-leaving",
            ["Identity:StoreClients:1:Secret"] = "store-leaving-secret-2026",
        };
        await using (var withExtra = fixture.StartApp(extra))
        {
            using var client = fixture.NewClient(withExtra);
            Assert.Equal(HttpStatusCode.OK, (await client.ClientCredentialsAsync("store-leaving", "store-leaving-secret-2026", "store")).StatusCode);
        }

        // The next start without it (the configuration of every other test).
        await using var without = fixture.StartApp();
        using var after = fixture.NewClient(without);
        Assert.Equal(HttpStatusCode.Unauthorized, (await after.ClientCredentialsAsync("store-leaving", "store-leaving-secret-2026", "store")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await after.ClientCredentialsAsync(StoreId, StoreSecret, "store")).StatusCode);
    }

    private static JsonElement Payload(string jwt)
    {
        var part = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(part.PadRight(part.Length + (4 - part.Length % 4) % 4, '=')))).RootElement;
    }
}
