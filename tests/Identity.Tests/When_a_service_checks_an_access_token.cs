using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using CustomerPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CustomerPlatform.Identity.Tests;

/// <summary>
/// Another service, wired as every service is (<c>AddDefaultAuthentication</c>): it fetches
/// Identity's JWKS from <c>http://identity</c> (here answered by the in-process Identity) and
/// checks signature, issuer, audience, lifetime and roles.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class When_a_service_checks_an_access_token(IdentityFixture fixture) : IAsyncLifetime
{
    private WebApplication _service = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [AuthenticationExtensions.IssuerKey] = IdentityApp.Origin });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddDefaultAuthentication();
        builder.Services.AddSingleton<TimeProvider>(fixture.Time);
        builder.Services.AddHttpClient(AuthenticationExtensions.JwksClientName)
            .ConfigurePrimaryHttpMessageHandler(() => fixture.App.Server.CreateHandler());
        _service = builder.Build();
        _service.MapGet("/whoami", (ClaimsPrincipal user) => TypedResults.Ok(new { id = user.GetCustomerId(), name = user.GetDisplayName(), staff = user.IsStaff() }))
            .RequireAuthorization();
        _service.MapGet("/admin-only", () => TypedResults.Ok()).RequireAuthorization(policy => policy.RequireRole(Roles.Admin));
        await _service.StartAsync();
        _client = _service.GetTestClient();
    }

    [Fact]
    public async Task Should_accept_identitys_token_with_its_claims()
    {
        using var identity = fixture.NewClient();
        var (email, tokens) = await fixture.VerifiedCustomerAsync(identity);
        var me = await (await identity.MeAsync(tokens.GetProperty("access_token").GetString()!)).JsonAsync();

        var response = await GetAsync("/whoami", tokens.GetProperty("access_token").GetString()!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(me.GetProperty("customerId").GetGuid(), body.GetProperty("id").GetGuid());
        Assert.Equal("Dana Customer", body.GetProperty("name").GetString());
        Assert.False(body.GetProperty("staff").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync("/admin-only", tokens.GetProperty("access_token").GetString()!)).StatusCode);
        Assert.NotNull(email);
    }

    [Fact]
    public async Task Should_let_an_admin_through_a_role_check()
    {
        using var identity = fixture.NewClient();
        var grant = await (await identity.PasswordGrantAsync("admin@example.com", "dev-admin-passphrase-1")).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/admin-only", grant.GetProperty("access_token").GetString()!)).StatusCode);
    }

    [Fact]
    public async Task Should_refuse_a_tampered_token_a_token_without_the_api_scope_and_an_expired_token()
    {
        using var identity = fixture.NewClient();
        var (email, tokens) = await fixture.VerifiedCustomerAsync(identity);
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        var parts = accessToken.Split('.');
        var tampered = $"{parts[0]}.{parts[1]}.{(parts[2][0] == 'A' ? 'B' : 'A')}{parts[2][1..]}";
        var withoutApi = await (await identity.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "platform-cli", ["username"] = email,
            ["password"] = IdentityCalls.Password, ["scope"] = "openid profile",
        }))).JsonAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/whoami", tampered)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/whoami", withoutApi.GetProperty("access_token").GetString()!)).StatusCode);

        fixture.Time.Advance(TimeSpan.FromMinutes(21)); // 15-minute tokens, 5 minutes of clock skew
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/whoami", accessToken)).StatusCode);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await _client.SendAsync(request);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _service.DisposeAsync();
    }
}
