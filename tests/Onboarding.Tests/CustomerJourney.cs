using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Identity;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Training;

namespace CustomerPlatform.Onboarding.Tests;

/// <summary>One test customer: plays Identity, Notifications and Training for them, and calls the API as them.</summary>
public sealed class CustomerJourney(OnboardingFixture fixture)
{
    public Guid Id { get; } = Guid.NewGuid();
    public string Email => $"customer-{Id:N}@example.com";
    public string Name => $"Customer {Id.ToString()[..8]}";
    public HttpClient Client => fixture.CreateClient(Id, Roles.Customer);

    public Task SignUpAsync() => fixture.Bus.Publish(new CustomerSignedUp { CustomerId = Id, Email = Email, DisplayName = Name, SignedUpAt = DateTimeOffset.UtcNow });

    public Task VerificationDeliveredAsync() => DeliveredAsync(EmailTemplates.VerifyEmail, correlationId: null);

    public Task DeliveredAsync(string template, Guid? correlationId) => fixture.Bus.Publish(new EmailDelivered
    {
        NotificationId = Guid.NewGuid(),
        CustomerId = Id,
        Template = template,
        To = Email,
        CorrelationId = correlationId,
        DeliveredAt = DateTimeOffset.UtcNow,
    });

    public Task VerifiedAsync() => fixture.Bus.Publish(new EmailVerified { CustomerId = Id, Email = Email, VerifiedAt = DateTimeOffset.UtcNow });

    public Task EnrolledAsync(string level) => fixture.Bus.Publish(new CustomerEnrolled
    {
        EnrollmentId = Guid.NewGuid(), CustomerId = Id, CourseId = Guid.NewGuid(), CourseVersion = 1, Level = level, EnrolledAt = DateTimeOffset.UtcNow, CorrelationId = Id,
    });

    public Task TrainingCompletedAsync(string level) => fixture.Bus.Publish(new TrainingCompleted
    {
        EnrollmentId = Guid.NewGuid(), CustomerId = Id, CourseId = Guid.NewGuid(), Level = level, Score = 90, Attempts = 1, CompletedAt = DateTimeOffset.UtcNow,
    });

    /// <summary>
    /// Signed up, verified: step 5 is active. In order, as in production (Notifications reports the email
    /// after Identity's sign-up is out); the race where it overtakes is a test of its own.
    /// </summary>
    public async Task StartAsync()
    {
        await SignUpAsync();
        await WaitForStepAsync(JourneySteps.VerificationSent, StepStatuses.Active);
        await VerificationDeliveredAsync();
        await WaitForStepAsync(JourneySteps.EmailVerified, StepStatuses.Active);
        await VerifiedAsync();
        await WaitForStepAsync(JourneySteps.DetailsSubmitted, StepStatuses.Active);
    }

    public Task<HttpResponseMessage> SubmitDetailsAsync(object? body = null) =>
        Client.PutAsJsonAsync("/api/onboarding/journey/details", body ?? new
        {
            company = "Example Ltd", jobTitle = "Head of Operations", teamSize = 25, goals = "Ship faster", phone = "+44 20 7946 0958", timezone = "Europe/London",
        });

    public async Task<JourneyResponse?> GetAsync()
    {
        var response = await Client.GetAsync("/api/onboarding/journey");
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<JourneyResponse>();
    }

    public async Task<JourneyResponse> WaitForAsync(Func<JourneyResponse, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var journey = await GetAsync();
            if (journey is not null && done(journey))
                return journey;
            if (DateTime.UtcNow > deadline)
            {
                var steps = journey is null ? "no journey" : string.Join(", ", journey.Steps.Select(s => $"{s.Number}:{s.Status}"));
                throw new TimeoutException($"Journey of {Id} never got to: {what}; last seen: {steps}");
            }

            // Not faster: a hundred customers polling at once would starve the service they wait on.
            await Task.Delay(200);
        }
    }

    public Task<JourneyResponse> WaitForStepAsync(int step, string status) =>
        WaitForAsync(j => j.Steps[step - 1].Status == status, $"step {step} {status}");

    /// <summary>The pending approval of <paramref name="step"/>, as the admin's queue shows it.</summary>
    public async Task<ApprovalResponse> PendingApprovalAsync(int step)
    {
        await WaitForStepAsync(step, StepStatuses.AwaitingApproval);
        var approvals = await fixture.Admin().GetFromJsonAsync<List<ApprovalResponse>>("/api/onboarding/approvals?status=pending");
        return approvals!.Single(a => a.CustomerId == Id && a.Step == step);
    }

    public static Task<HttpResponseMessage> DecideAsync(HttpClient staff, Guid approvalId, string decision, string? reason = null) =>
        staff.PostAsJsonAsync($"/api/onboarding/approvals/{approvalId}/decision", new { decision, reason });

    /// <summary>From step 5 to step 8 active: details submitted and approved by an admin.</summary>
    public async Task<JourneyResponse> ThroughDetailsAsync()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitDetailsAsync()).StatusCode);
        var approval = await PendingApprovalAsync(JourneySteps.DetailsApproved);
        Assert.Equal(HttpStatusCode.Accepted, (await DecideAsync(fixture.Admin(), approval.ApprovalId, "approve")).StatusCode);
        return await WaitForStepAsync(JourneySteps.IntroductionSent, StepStatuses.Active);
    }

    /// <summary>From step 8 active to step 11 awaiting approval.</summary>
    public async Task<ApprovalResponse> ThroughInitialTrainingAsync()
    {
        await DeliveredAsync(EmailTemplates.SuccessManagerIntroduction, Id);
        await WaitForStepAsync(JourneySteps.InitialTrainingEnrolled, StepStatuses.Active);
        await EnrolledAsync(CourseLevels.Initial);
        await WaitForStepAsync(JourneySteps.InitialTrainingCompleted, StepStatuses.Active);
        await TrainingCompletedAsync(CourseLevels.Initial);
        return await PendingApprovalAsync(JourneySteps.InitialTrainingApproved);
    }
}
