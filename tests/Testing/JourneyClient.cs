using System.Net;
using System.Text.Json;

namespace CustomerPlatform.Testing;

/// <summary>A customer's side of the onboarding journey, as the app calls it (journey.md, Onboarding).</summary>
public sealed class JourneyClient(ApiSession customer)
{
    public static readonly object Details = new
    {
        company = "Northwind Traders",
        jobTitle = "Operations lead",
        teamSize = 12,
        goals = "Onboard our support team and connect our calendar.",
        phone = "+4915112345678",
        timezone = "Europe/Berlin",
    };

    public ApiSession Customer { get; } = customer;

    /// <summary>The longest pause between two polls of the journey (a load run with many journeys polls less often).</summary>
    public TimeSpan PollCeiling { get; init; } = TimeSpan.FromSeconds(1);

    public Task<JsonElement> GetAsync(CancellationToken cancellationToken = default) =>
        Customer.GetAsync("/api/onboarding/journey", cancellationToken);

    /// <summary>Polls the journey until step <paramref name="key"/> has one of <paramref name="statuses"/>; answers that journey.</summary>
    public async Task<JsonElement> WaitForStepAsync(string key, TimeSpan timeout, params string[] statuses)
    {
        var deadline = DateTime.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(100);
        JsonElement? last = null;
        while (true)
        {
            using var response = await Customer.SendAsync(HttpMethod.Get, "/api/onboarding/journey");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                last = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                if (statuses.Contains(StepStatus(last.Value, key)))
                    return last.Value;
            }
            else if (response.StatusCode != HttpStatusCode.NotFound)
            {
                throw new UnexpectedResponseException($"GET journey answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}", response.StatusCode);
            }

            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Step {key} of {Customer.Email} never became {string.Join("|", statuses)}; the journey was: {last?.ToString() ?? "not there"}");
            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, PollCeiling.TotalMilliseconds));
        }
    }

    public Task<JsonElement> WaitForCompletedAsync(string key, TimeSpan timeout) => WaitForStepAsync(key, timeout, "completed");

    public static JsonElement Step(JsonElement journey, string key) =>
        journey.GetProperty("steps").EnumerateArray().Single(step => step.GetProperty("key").GetString() == key);

    public static string? StepStatus(JsonElement journey, string key) => Step(journey, key).GetProperty("status").GetString();

    public Task SubmitDetailsAsync() => Customer.ExpectAsync(HttpStatusCode.Accepted, HttpMethod.Put, "/api/onboarding/journey/details", Details);

    public Task SaveProfileAsync() => Customer.ExpectAsync(HttpStatusCode.Accepted, HttpMethod.Put, "/api/onboarding/journey/profile",
        new { headline = "Runs operations at Northwind", bio = "Ten years of keeping teams on schedule.", expertise = new[] { "operations", "support" } });

    public async Task ConnectToolAndFinishAsync()
    {
        await Customer.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/onboarding/journey/integrations",
            new { kind = "calendar", provider = "Google Calendar", account = Customer.Email });
        await DoneAsync("tools-integrated");
    }

    public async Task ExploreTheTourAsync()
    {
        var tour = await Customer.GetAsync("/api/onboarding/tour");
        foreach (var feature in tour.EnumerateArray())
            await Customer.ExpectAsync(HttpStatusCode.Accepted, HttpMethod.Post, "/api/onboarding/journey/explorations",
                new { feature = feature.GetProperty("feature").GetString() });
    }

    public async Task<Guid> AskAsync(string subject, string body) =>
        (await Customer.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/onboarding/journey/queries", new { subject, body }))
            .GetProperty("ticketId").GetGuid();

    public Task DoneAsync(string key) => Customer.ExpectAsync(HttpStatusCode.Accepted, HttpMethod.Post, $"/api/onboarding/journey/steps/{key}/done");

    public Task AnswerAdvancedTrainingAsync(bool accept) =>
        Customer.ExpectAsync(HttpStatusCode.Accepted, HttpMethod.Post, "/api/onboarding/journey/advanced-training", new { accept });
}
