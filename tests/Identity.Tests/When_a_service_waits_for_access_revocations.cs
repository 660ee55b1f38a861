using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerPlatform.ServiceDefaults;

namespace CustomerPlatform.Identity.Tests;

/// <summary>
/// The feed every service and the gateway read is a long poll (ADR-015): a read that brings the version of its last
/// one waits until a revocation commits, on whichever replica, and is then answered with it; a read with another
/// version is answered at once. The waits here never time out by themselves: the fixture's clock stands still.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class When_a_service_waits_for_access_revocations(IdentityFixture fixture)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Should_answer_a_waiting_read_as_soon_as_another_replica_commits_a_revocation()
    {
        await using var other = fixture.StartApp();
        using var waiting = fixture.NewClient(other);
        using var client = fixture.NewClient();
        var (_, tokens) = await fixture.VerifiedCustomerAsync(client);
        var me = (await (await client.MeAsync(tokens.GetProperty("access_token").GetString()!)).JsonAsync()).GetProperty("customerId").GetGuid();
        var since = fixture.Time.GetUtcNow() - TimeSpan.FromMinutes(1);
        var first = await ReadAsync(waiting, since, version: null);
        Assert.NotNull(first.Version);

        var read = ReadAsync(waiting, since, first.Version);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.False(read.IsCompleted, "a read that brought the current version was answered with nothing new to tell");

        var changed = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostJsonAsync("/api/identity/change-password",
            new { currentPassword = IdentityCalls.Password, newPassword = "a-new-passphrase-for-waiting-reads" },
            tokens.GetProperty("access_token").GetString()!)).StatusCode);

        var page = await read.WaitAsync(TimeSpan.FromSeconds(2));
        Assert.True(DateTimeOffset.UtcNow - changed < TimeSpan.FromSeconds(2));
        Assert.Contains(page.Revocations, r => r.UserId == me);
        Assert.NotEqual(first.Version, page.Version);
    }

    [Fact]
    public async Task Should_answer_at_once_a_read_without_the_current_version()
    {
        using var client = fixture.NewClient();
        var since = fixture.Time.GetUtcNow() - TimeSpan.FromMinutes(1);
        var current = await ReadAsync(client, since, version: null);

        var stale = await ReadAsync(client, since, "someone-else.0").WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(current.Version, stale.Version);
    }

    private static async Task<RevocationFeedPage> ReadAsync(HttpClient client, DateTimeOffset since, string? version)
    {
        var query = $"{AuthenticationExtensions.RevocationsPath}?since={Uri.EscapeDataString(since.ToString("O", CultureInfo.InvariantCulture))}";
        if (version is not null)
            query += $"&version={Uri.EscapeDataString(version)}&wait=8";
        using var response = await client.GetAsync(query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RevocationFeedPage>(Json))!;
    }
}
