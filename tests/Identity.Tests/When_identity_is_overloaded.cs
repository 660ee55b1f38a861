using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CustomerPlatform.Identity.Tests;

/// <summary>
/// Overload answers 503 with Retry-After and changes nothing — never 500 — whether Identity turns the request
/// away itself (too many password checks waiting) or the database has no connection to give it.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class When_identity_is_overloaded(IdentityFixture fixture)
{
    [Fact]
    public async Task Should_turn_sign_ups_away_with_503_when_too_many_password_checks_are_waiting_and_take_them_when_there_is_room()
    {
        await using var app = fixture.StartApp(new Dictionary<string, string?>
        {
            ["Identity:PasswordHashing:MaxConcurrent"] = "1",
            ["Identity:PasswordHashing:QueueLimit"] = "0",
        });
        using var client = fixture.NewClient(app);
        var email = IdentityFixture.NewEmail();

        // Another request's hash holds the only slot.
        var entered = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var holder = Task.Run(() => app.Services.GetRequiredService<PasswordWork>().RunAsync(() =>
        {
            entered.SetResult();
            release.Task.Wait();
            return 0;
        }, CancellationToken.None));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        using var refused = await client.SignUpAsync(email);
        await AssertBusyAsync(refused, expectedRetryAfter: TimeSpan.FromSeconds(5));
        Assert.False(await fixture.InDatabaseAsync(db => db.Users.AnyAsync(u => u.Email == email)));

        release.SetResult();
        await holder;
        using var accepted = await client.SignUpAsync(email);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.True(await fixture.InDatabaseAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task Should_queue_password_checks_beyond_the_cores_and_answer_them_all()
    {
        await using var app = fixture.StartApp(new Dictionary<string, string?>
        {
            ["Identity:PasswordHashing:MaxConcurrent"] = "1",
            ["Identity:PasswordHashing:QueueLimit"] = "100",
        });
        var emails = Enumerable.Range(0, 8).Select(_ => IdentityFixture.NewEmail()).ToList();

        var answers = await Task.WhenAll(emails.Select(async email =>
        {
            using var client = fixture.NewClient(app);
            using var response = await client.SignUpAsync(email);
            return response.StatusCode;
        }));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.Accepted, status));
        Assert.Equal(emails.Count, await fixture.InDatabaseAsync(db => db.Users.CountAsync(u => emails.Contains(u.Email!))));
    }

    [Fact]
    public async Task Should_answer_503_when_no_database_connection_frees_up_and_write_nothing()
    {
        var connectionString = fixture.Settings[$"ConnectionStrings:{ResourceNames.Databases.Identity}"];
        await using var app = fixture.StartApp(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.Databases.Identity}"] = $"{connectionString};Maximum Pool Size=2;Timeout=1", // two: the migration at start holds a lock on one
        });
        using var client = fixture.NewClient(app);
        var email = IdentityFixture.NewEmail();

        var dataSource = app.Services.GetRequiredKeyedService<NpgsqlDataSource>(ResourceNames.Databases.Identity);
        await using (await dataSource.OpenConnectionAsync())
        await using (await dataSource.OpenConnectionAsync())
        {
            // Every pooled connection is taken: the request waits a second for one, then gives up.
            using var refused = await client.SignUpAsync(email);
            await AssertBusyAsync(refused, expectedRetryAfter: TimeSpan.FromSeconds(2));
        }

        Assert.False(await fixture.InDatabaseAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        using var accepted = await client.SignUpAsync(email);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    private static async Task AssertBusyAsync(HttpResponseMessage response, TimeSpan expectedRetryAfter)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(expectedRetryAfter, response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal("The service is busy.", problem.GetProperty("title").GetString());
    }
}
