using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;
using Xunit.Abstractions;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>
/// Issue 14's chaos test: while customers sign up and go through steps 1–5, every service in turn, the
/// gateway and the broker are killed (SIGKILL) and started again. Every accepted sign-up reaches step 5
/// (its details accepted, step 6 waiting for staff), and no email is sent twice.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class When_processes_crash_under_load(PlatformFixture platform, ITestOutputHelper output)
{
    private const int Arrivals = 60;
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(4);

    private static readonly string[] Victims =
    [
        ResourceNames.Services.Onboarding, ResourceNames.Services.Notifications, ResourceNames.Messaging, ResourceNames.Services.Identity,
        ResourceNames.Services.Ticketing, ResourceNames.Services.Training, ResourceNames.Services.Loyalty, ResourceNames.Services.Customers, ResourceNames.Gateway,
    ];

    [Fact]
    public async Task Should_take_every_accepted_sign_up_to_step_5_and_send_each_email_once()
    {
        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));
        var accepted = new ConcurrentBag<string>();
        var journeys = new ConcurrentBag<Task>();
        using var stop = new CancellationTokenSource();

        // Customers keep arriving, one a second, while the crashes go on (at most Arrivals of them, so the
        // test measures losses, not how many emails a two-core machine sends in a minute).
        var arrivals = Task.Run(async () =>
        {
            for (var i = 0; i < Arrivals && !stop.IsCancellationRequested; i++)
            {
                var email = $"chaos-{i}-{Guid.NewGuid():N}@example.com";
                journeys.Add(Task.Run(() => JourneyAsync(email, mail, accepted)));
                await Task.Delay(1000);
            }
        });

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        foreach (var victim in Victims)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), timeout.Token);
            await ResourceControl.KillAndStartAsync(platform.App, victim, timeout.Token);
        }

        // Every receive endpoint came back: a queue without its consumer loses nothing but does nothing.
        using (var broker = await RabbitMqManagement.ForAsync(platform.App, timeout.Token))
            await broker.WaitUntilEveryQueueIsConsumedAsync(TimeSpan.FromSeconds(60), timeout.Token);

        await stop.CancelAsync();
        await arrivals;
        var outcomes = await Task.WhenAll(journeys.ToArray().Select(j => CompletedOrFault(j)));
        var failures = outcomes.Where(o => o is not null).ToList();
        Assert.True(accepted.Count >= 10, $"Only {accepted.Count} sign-ups were accepted during the crashes.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {accepted.Count} accepted sign-ups did not reach step 5:\n{string.Join("\n", failures)}");

        // Each customer got one verification email and one details-form email, however often something
        // crashed. ADR-007's one window (the SMTP server took the email, the process died before its commit)
        // sends the same email again with the same Message-ID, which mailboxes treat as one message: those
        // are counted and reported, but only a second, different email fails the test.
        var duplicates = new List<string>();
        var resent = 0;
        foreach (var email in accepted)
        {
            var received = await mail.ToAsync(email);
            var verification = received.Where(e => Accounts.TokenLink().IsMatch(Accounts.Text(e))).ToList();
            var form = received.Where(e => Accounts.Text(e).Contains("/onboarding/details", StringComparison.Ordinal)).ToList();
            resent += verification.Count + form.Count - verification.Select(MessageId).Distinct().Count() - form.Select(MessageId).Distinct().Count();
            if (verification.Select(MessageId).Distinct().Count() != 1 || form.Select(MessageId).Distinct().Count() != 1)
                duplicates.Add($"{email}: {verification.Count} verification and {form.Count} details-form emails");
        }

        output.WriteLine($"{accepted.Count} sign-ups accepted while {Victims.Length} processes were killed; {failures.Count} lost, " +
            $"{duplicates.Count} with a second email, {resent} email(s) re-sent with the same Message-ID");
        Assert.True(duplicates.Count == 0, $"Emails not sent exactly once:\n{string.Join("\n", duplicates)}");
    }

    /// <summary>The email's Message-ID as MailDev parsed it.</summary>
    private static string MessageId(JsonElement email) =>
        email.TryGetProperty("messageId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()!
        : email.TryGetProperty("headers", out var headers) && headers.TryGetProperty("message-id", out var header) ? header.ToString()
        : throw new InvalidOperationException($"MailDev shows no Message-ID: {email}");

    private static async Task<string?> CompletedOrFault(Task journey)
    {
        try
        {
            await journey;
            return null;
        }
        catch (Exception exception)
        {
            return exception.Message;
        }
    }

    /// <summary>
    /// A customer as a real client behaves: a sign-up that is not answered 202 is given up (it was never
    /// accepted); after a 202 every later step is retried through transport errors and 502/503 until it
    /// is done, the way the app retries.
    /// </summary>
    private async Task JourneyAsync(string email, MailDevInbox mail, ConcurrentBag<string> accepted)
    {
        var gateway = platform.Gateway;
        try
        {
            await Accounts.SignUpAsync(gateway, email, "Cass Chaos");
        }
        catch (Exception)
        {
            return;
        }

        accepted.Add(email);
        var deadline = DateTime.UtcNow + Wait;
        var emails = await mail.WaitForAsync(email, found => Accounts.VerificationToken(found) is not null, Wait);
        await RetryAsync(deadline, async () =>
        {
            using var response = await gateway.PostAsJsonAsync("/api/identity/verify-email", new { token = Accounts.VerificationToken(emails) });
            // 400: the token was redeemed by an earlier attempt whose answer was lost.
            return response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.BadRequest;
        });

        ApiSession? customer = null;
        await RetryAsync(deadline, async () =>
        {
            customer = await Accounts.SignInAsync(gateway, email);
            return true;
        });

        var journey = new JourneyClient(customer!);
        await RetryAsync(deadline, async () => JourneyClient.StepStatus(await journey.GetAsync(), "details-submitted") == "active");
        await RetryAsync(deadline, async () =>
        {
            using var response = await customer!.SendAsync(HttpMethod.Put, "/api/onboarding/journey/details", JourneyClient.Details);
            // 409: an earlier attempt whose answer was lost already submitted them.
            return response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict;
        });
        await RetryAsync(deadline, async () =>
        {
            var current = await journey.GetAsync();
            return JourneyClient.StepStatus(current, "details-submitted") == "completed"
                && JourneyClient.StepStatus(current, "details-approved") == "awaiting-approval";
        });
    }

    private static async Task RetryAsync(DateTime deadline, Func<Task<bool>> attempt)
    {
        while (true)
        {
            try
            {
                if (await attempt())
                    return;
            }
            catch (Exception exception) when (exception is HttpRequestException or UnexpectedResponseException or JsonException or TaskCanceledException)
            {
                // A service or the gateway is down right now.
            }

            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("Gave up waiting.");
            await Task.Delay(500);
        }
    }
}
