using CustomerPlatform.Contracts.Identity;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Consumers;

/// <summary>
/// Keeps the staff directory. Identity re-publishes every staff account at start, so an upsert on the
/// id converges; a change older than the one stored (messages may arrive out of order) is ignored.
/// </summary>
public sealed class StaffAccountChangedConsumer(TicketingDbContext db) : IConsumer<StaffAccountChanged>
{
    // One statement: two changes of one account racing each other cannot both insert, and the newer wins.
    private const string UpsertSql =
        """
        INSERT INTO staff_members (id, email, display_name, roles, active, changed_at)
        VALUES ({0}, {1}, {2}, {3}, {4}, {5})
        ON CONFLICT (id) DO UPDATE SET email = excluded.email, display_name = excluded.display_name,
            roles = excluded.roles, active = excluded.active, changed_at = excluded.changed_at
        WHERE staff_members.changed_at < excluded.changed_at
        """;

    public async Task Consume(ConsumeContext<StaffAccountChanged> context)
    {
        var staff = context.Message;
        await db.Database.ExecuteSqlRawAsync(UpsertSql,
            [staff.StaffId, staff.Email, staff.DisplayName, (staff.Roles ?? []).ToArray(), staff.Active, staff.ChangedAt.ToUniversalTime()],
            context.CancellationToken);
    }
}
