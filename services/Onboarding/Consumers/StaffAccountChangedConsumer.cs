using CustomerPlatform.Contracts.Identity;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Onboarding;

/// <summary>
/// Keeps the staff directory (CSMs for step 7, approvers for reminders) from Identity's events: an
/// upsert by id where only a newer change wins, so replays and reordering converge. The CSM's load
/// counters are Onboarding's own and survive every update. Then every journey in progress whose CSM
/// is not an active CSM any more (this one left, or an earlier one left while nobody could take over)
/// is told to hand over, in the same transaction (the journey decides under its own lock).
/// </summary>
public sealed class StaffAccountChangedConsumer(OnboardingDbContext db) : IConsumer<StaffAccountChanged>
{
    private const string UpsertSql =
        """
        INSERT INTO staff (id, email, display_name, roles, is_success_manager, is_admin, active, changed_at, open_journeys)
        VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, 0)
        ON CONFLICT (id) DO UPDATE SET email = excluded.email, display_name = excluded.display_name, roles = excluded.roles,
            is_success_manager = excluded.is_success_manager, is_admin = excluded.is_admin, active = excluded.active, changed_at = excluded.changed_at
        WHERE staff.changed_at < excluded.changed_at
        """;

    public async Task Consume(ConsumeContext<StaffAccountChanged> context)
    {
        var staff = context.Message;
        var roles = staff.Roles.ToArray();
        await db.Database.ExecuteSqlRawAsync(UpsertSql,
            [staff.StaffId, staff.Email, staff.DisplayName, roles, roles.Contains(Roles.SuccessManager), roles.Contains(Roles.Admin), staff.Active, staff.ChangedAt.ToUniversalTime()],
            context.CancellationToken);

        var orphaned = await db.Journeys
            .Where(j => j.Status == JourneyStatuses.InProgress && j.SuccessManagerId != null
                && !db.Staff.Any(s => s.Id == j.SuccessManagerId && s.Active && s.IsSuccessManager))
            .Select(j => j.CustomerId)
            .ToListAsync(context.CancellationToken);
        foreach (var customerId in orphaned)
            await context.Publish(new SuccessManagerHandoverDue { CustomerId = customerId }, context.CancellationToken);
    }
}
