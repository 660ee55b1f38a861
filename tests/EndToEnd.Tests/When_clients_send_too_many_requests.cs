using System.Net;
using System.Net.Http.Headers;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>
/// Issue 14: the gateway limits requests per client address and per signed-in user (ASP.NET Core's
/// partitioned rate limiter, limits from configuration) and answers 429 with Retry-After and a problem
/// body. A platform of its own, with low limits; client addresses come from X-Forwarded-For, which the
/// gateway honours from loopback only (this test runs there).
/// </summary>
public sealed class When_clients_send_too_many_requests(When_clients_send_too_many_requests.LowLimitsPlatform platform)
    : IClassFixture<When_clients_send_too_many_requests.LowLimitsPlatform>
{
    private const int PerAddress = 30;
    private const int PerUser = 15;

    private HttpClient Gateway => platform.Gateway;

    /// <summary>The platform, started once for this class, with the gateway's limits low and a window longer than the test.</summary>
    public sealed class LowLimitsPlatform : IAsyncLifetime
    {
        private TestApplication _test = null!;

        public HttpClient Gateway { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            _test = await TestApplication.StartAppHostAsync([], [ResourceNames.Gateway], builder =>
            {
                var gateway = PlatformFixture.Project(builder, ResourceNames.Gateway);
                gateway.WithEnvironment("Gateway__RateLimits__PerAddress__PermitLimit", PerAddress.ToString());
                gateway.WithEnvironment("Gateway__RateLimits__PerUser__PermitLimit", PerUser.ToString());
                foreach (var partition in new[] { "PerAddress", "PerUser" })
                    gateway.WithEnvironment($"Gateway__RateLimits__{partition}__Window", "00:05:00");
            }, timeout.Token);
            Gateway = new HttpClient { BaseAddress = _test.App.GetEndpoint(ResourceNames.Gateway, "http") };
        }

        public async Task DisposeAsync()
        {
            Gateway?.Dispose();
            if (_test is not null)
                await _test.DisposeAsync();
        }
    }

    [Fact]
    public async Task Should_limit_each_client_address_and_let_the_others_through()
    {
        for (var i = 0; i < PerAddress; i++)
            Assert.Equal(HttpStatusCode.OK, (await SendAsync("/api/identity/status", "203.0.113.10")).StatusCode);

        using var refused = await SendAsync("/api/identity/status", "203.0.113.10");
        await When_a_request_goes_wrong.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");

        Assert.Equal(HttpStatusCode.OK, (await SendAsync("/api/identity/status", "203.0.113.11")).StatusCode);
    }

    [Fact]
    public async Task Should_limit_each_signed_in_user_from_any_address()
    {
        var admin = await Accounts.SignInAsync(Gateway, StaffAccounts.Admin);
        var csm = await Accounts.SignInAsync(Gateway, StaffAccounts.CsmOne);

        // Each request from another address: only the user's own partition fills up.
        for (var i = 0; i < PerUser; i++)
            Assert.Equal(HttpStatusCode.OK, (await SendAsync("/api/identity/me", $"198.51.100.{i + 1}", admin.AccessToken)).StatusCode);

        using var refused = await SendAsync("/api/identity/me", "198.51.100.200", admin.AccessToken);
        await When_a_request_goes_wrong.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");

        Assert.Equal(HttpStatusCode.OK, (await SendAsync("/api/identity/me", "198.51.100.201", csm.AccessToken)).StatusCode);
    }

    private Task<HttpResponseMessage> SendAsync(string path, string clientAddress, string? accessToken = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", clientAddress);
        if (accessToken is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return Gateway.SendAsync(request);
    }
}
