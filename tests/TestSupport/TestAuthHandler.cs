using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.TestSupport;

/// <summary>
/// Signs a request in as the user its headers name (<see cref="UserHeader"/>, <see cref="RolesHeader"/>,
/// <see cref="NameHeader"/>, <see cref="EmailHeader"/>, <see cref="ScopeHeader"/>), with the claims Identity's tokens carry (<c>sub</c>,
/// <c>role</c>, <c>name</c>, <c>email</c>, and <c>scope</c>: <c>api</c>, a person's token, unless the header says otherwise).
/// Token validation is Identity's concern; these tests are about what the API does for a given caller.
/// No header: anonymous.
/// </summary>
public sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string UserHeader = "X-Test-User";
    public const string RolesHeader = "X-Test-Roles";
    public const string NameHeader = "X-Test-Name";
    public const string EmailHeader = "X-Test-Email";
    public const string ScopeHeader = "X-Test-Scope";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(UserHeader, out var user))
            return Task.FromResult(AuthenticateResult.NoResult());

        List<Claim> claims = [new("sub", user.ToString()), new("scope", Request.Headers.TryGetValue(ScopeHeader, out var scope) ? scope.ToString() : "api")];
        if (Request.Headers.TryGetValue(NameHeader, out var name))
            claims.Add(new Claim("name", name.ToString()));
        if (Request.Headers.TryGetValue(EmailHeader, out var email))
            claims.Add(new Claim("email", email.ToString()));
        claims.AddRange(Request.Headers[RolesHeader].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => new Claim("role", r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, "name", "role"));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}

public static class TestAuthentication
{
    /// <summary>Makes <see cref="TestAuthHandler"/> the only way in: the default scheme for authenticating and challenging.</summary>
    public static IServiceCollection AddTestAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = TestAuthHandler.SchemeName;
                options.DefaultAuthenticateScheme = TestAuthHandler.SchemeName;
                options.DefaultChallengeScheme = TestAuthHandler.SchemeName;
            })
            .AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, _ => { });
        return services;
    }

    /// <summary>Sends <paramref name="client"/>'s requests as <paramref name="user"/> in <paramref name="roles"/>, asking for JSON.</summary>
    public static HttpClient SignedInAs(this HttpClient client, Guid user, params string[] roles)
    {
        client.DefaultRequestHeaders.Add(TestAuthHandler.UserHeader, user.ToString());
        if (roles.Length > 0)
            client.DefaultRequestHeaders.Add(TestAuthHandler.RolesHeader, string.Join(',', roles));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }
}
