using CustomerPlatform.Contracts.Identity;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Onboarding;
using CustomerPlatform.Contracts.Ticketing;
using CustomerPlatform.Contracts.Training;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Onboarding.Tests;

/// <summary>
/// Real PostgreSQL and RabbitMQ; the Onboarding service in-process, with timeouts shortened to seconds;
/// and a second host standing for the other services (Notifications, Training, Ticketing, Loyalty): it
/// publishes their events and records the commands and events Onboarding publishes.
/// </summary>
public sealed class OnboardingFixture() : ServiceFixture<OnboardingDbContext, OnboardingDbContext>(
    "onboarding-tests",
    [TestServer.Postgres(ResourceNames.Databases.Onboarding), TestServer.RabbitMq()],
    typeof(SendEmail), typeof(EnrollInCourse), typeof(ReopenTraining), typeof(OpenTicket),
    typeof(SuccessManagerAssigned), typeof(OnboardingStepCompleted), typeof(OnboardingCompleted), typeof(SurveyAnswered))
{
    public static readonly TimeSpan ApprovalReminder = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan IdleReminder = TimeSpan.FromSeconds(5);

    private readonly List<Guid> _successManagers = [];

    public Guid AdminId { get; } = Guid.NewGuid();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await PublishStaffAsync(AdminId, [Roles.Admin], active: true);
        await WaitForStaffAsync(AdminId, active: true);
    }

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        settings["Onboarding:AppOrigin"] = "https://app.customerplatform.test";
        settings["Onboarding:Timeouts:ApprovalReminder"] = ApprovalReminder.ToString("c");
        settings["Onboarding:Timeouts:IdleReminder"] = IdleReminder.ToString("c");
        settings["Onboarding:Timeouts:SuccessManagerRetry"] = "00:00:02";
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:CustomerPlatform"] = "Warning";
    }

    public HttpClient Admin() => CreateClient(AdminId, Roles.Admin);

    /// <summary>
    /// Makes exactly these CSMs active (every CSM an earlier test added is deactivated), so assignment is
    /// predictable. The journeys earlier tests left in progress lose their CSM first: otherwise the CSMs
    /// deactivated here would hand them over to this test's CSMs (When_a_success_manager_leaves).
    /// </summary>
    public async Task UseOnlySuccessManagersAsync(params Guid[] ids)
    {
        await ReadAsync(db => db.Journeys.Where(j => j.SuccessManagerId != null && !ids.Contains(j.SuccessManagerId.Value))
            .ExecuteUpdateAsync(j => j.SetProperty(x => x.SuccessManagerId, (Guid?)null)));
        foreach (var old in _successManagers.Except(ids))
            await PublishStaffAsync(old, [Roles.SuccessManager], active: false);
        foreach (var id in ids)
            await PublishStaffAsync(id, [Roles.SuccessManager], active: true);
        foreach (var old in _successManagers.Except(ids))
            await WaitForStaffAsync(old, active: false);
        foreach (var id in ids)
            await WaitForStaffAsync(id, active: true);
        _successManagers.AddRange(ids.Except(_successManagers));
    }

    /// <summary>One more active CSM, the others left as they are.</summary>
    public async Task ActivateSuccessManagerAsync(Guid id)
    {
        await PublishStaffAsync(id, [Roles.SuccessManager], active: true);
        await WaitForStaffAsync(id, active: true);
        _successManagers.Add(id);
    }

    public Task PublishStaffAsync(Guid id, string[] roles, bool active) => Bus.Publish(new StaffAccountChanged
    {
        StaffId = id,
        Email = $"staff-{id:N}@customerplatform.test",
        DisplayName = $"Staff {id.ToString()[..8]}",
        Roles = roles,
        Active = active,
        ChangedAt = DateTimeOffset.UtcNow,
    });

    private async Task WaitForStaffAsync(Guid id, bool active)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await ReadAsync(db => db.Staff.AsNoTracking().AnyAsync(s => s.Id == id && s.Active == active)) is false)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Staff {id} never became active={active}.");
            await Task.Delay(50);
        }
    }
}
